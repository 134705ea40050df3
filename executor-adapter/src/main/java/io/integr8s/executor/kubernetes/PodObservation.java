package io.integr8s.executor.kubernetes;

import io.integr8s.command.execution.api.PodContainerStatus;

import java.util.List;

/**
 * What one look at an execution's pod says, in the terms of the lifecycle: bound to a node ({@code pod_scheduled}),
 * its container started ({@code pod_running}), ended ({@code end}, null while it goes), or waiting on a problem that
 * keeps it from starting ({@code startProblem}, e.g. {@code ImagePullBackOff: …}). The limits are read off the pod
 * itself so that an outcome can name them.
 */
record PodObservation(String executionId, String podName, String nodeName, boolean scheduled, boolean running,
                      PodEnd end, String startProblem, List<PodContainerStatus> containers, Long memoryLimitBytes,
                      Long deadlineSeconds) {

    boolean pending() {
        return end == null && !running;
    }
}
