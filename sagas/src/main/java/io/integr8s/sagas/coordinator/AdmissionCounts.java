package io.integr8s.sagas.coordinator;

import java.util.Map;

/** How many executions wait and how many hold a slot, per priority rank (absent rank = none). */
public record AdmissionCounts(Map<Integer, Integer> waiting, Map<Integer, Integer> admitted) {

    public static final AdmissionCounts NONE = new AdmissionCounts(Map.of(), Map.of());

    public AdmissionCounts {
        waiting = Map.copyOf(waiting);
        admitted = Map.copyOf(admitted);
    }

    public int waiting(int rank) {
        return waiting.getOrDefault(rank, 0);
    }

    public int admitted(int rank) {
        return admitted.getOrDefault(rank, 0);
    }
}
