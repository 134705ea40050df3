package io.integr8s.executor.kubernetes;

import java.util.List;

/**
 * The executions that hold a sandbox by the read model (pod created, not ended): where the reconciliation after a
 * restart looks for executions whose pod is gone. The API provides it from the executions' read model; each one is
 * checked against the event store before anything is decided.
 */
@FunctionalInterface
public interface ExecutionsHoldingPods {

    List<String> executionIds();
}
