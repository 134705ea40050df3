package io.integr8s.sagas.coordinator;

import io.integr8s.command.execution.api.Priority;

import java.util.Map;

/**
 * The coordinator's queue at one moment: executions waiting for a slot, those holding one, the slots there are,
 * and the waiting ones per priority (every priority present, highest first).
 */
public record QueueStatus(int waiting, int admitted, int maxConcurrent, Map<Priority, Integer> waitingByPriority) {
}
