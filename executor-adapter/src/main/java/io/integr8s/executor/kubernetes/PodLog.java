package io.integr8s.executor.kubernetes;

/**
 * A pod's log as kept: Kubernetes' log holds the container's stdout and stderr interleaved, so it is the run's
 * {@code stdout} ({@code stderr} stays empty; see the README). {@code exceeded}: there was more than the output
 * limit, cut with the local sandbox's marker.
 */
record PodLog(String text, boolean exceeded) {

    static final PodLog EMPTY = new PodLog("", false);
}
