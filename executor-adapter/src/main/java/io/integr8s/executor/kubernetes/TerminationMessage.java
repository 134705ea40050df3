package io.integr8s.executor.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the {@link Entrypoint} wrote to the termination log. Anything unreadable (a container killed before it wrote,
 * a script that wrote there itself) gives nulls: the exit code then comes from Kubernetes, usage stays unmeasured.
 */
record TerminationMessage(Integer exitCode, Long cpuUsageMicros, Long memoryPeakBytes) {

    static final TerminationMessage NONE = new TerminationMessage(null, null, null);

    private static final ObjectMapper JSON = new ObjectMapper();

    static TerminationMessage parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return NONE;
            }
            JsonNode exit = node.get("exit_code");
            return new TerminationMessage(exit != null && exit.canConvertToInt() ? exit.intValue() : null,
                    number(node.get("cpu_usage_usec")), number(node.get("memory_peak_bytes")));
        } catch (java.io.IOException unreadable) {
            return NONE;
        }
    }

    private static Long number(JsonNode node) {
        return node != null && node.canConvertToLong() && node.longValue() >= 0 ? node.longValue() : null;
    }
}
