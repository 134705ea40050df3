package io.integr8s.executor.kubernetes;

import io.integr8s.executor.SandboxSpec;

import java.util.regex.Pattern;

/** The Kubernetes names and labels of one execution's objects, derived from its id and checked before any use. */
record ExecutorNames(String executionId, String podName) {

    static final String APP_LABEL = "app";
    static final String APP = "integr8s";
    static final String COMPONENT_LABEL = "component";
    static final String COMPONENT = "executor";
    static final String EXECUTION_ID_LABEL = "integr8s.io/execution-id";
    /** With the execution id label present: what marks an execution's objects (never the executor's own pods). */
    static final java.util.Map<String, String> SELECTOR = java.util.Map.of(APP_LABEL, APP, COMPONENT_LABEL, COMPONENT);

    /** RFC 1123 label: what a pod's and a ConfigMap's name may be here. */
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A label value (63 characters at most). */
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    static ExecutorNames of(String executionId) {
        SandboxSpec.requireSafeId(executionId);
        String podName = SandboxSpec.podName(executionId);
        if (!DNS_1123_LABEL.matcher(podName).matches()) {
            throw new IllegalArgumentException("Execution id '" + executionId + "' cannot name a pod: '" + podName
                    + "' must be a DNS-1123 label (at most 63 lower-case letters, digits and '-', starting and ending "
                    + "with a letter or digit); the API issues lower-case UUIDs, which fit");
        }
        if (!LABEL_VALUE.matcher(executionId).matches()) {
            throw new IllegalArgumentException("Execution id '" + executionId + "' cannot be a label value (at most 63 "
                    + "letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }
        return new ExecutorNames(executionId, podName);
    }

    /** The ConfigMap holding the script and the entrypoint: same name as its pod (another kind, so no clash). */
    String configMapName() {
        return podName;
    }
}
