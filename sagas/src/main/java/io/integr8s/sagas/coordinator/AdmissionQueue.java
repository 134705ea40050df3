package io.integr8s.sagas.coordinator;

import java.util.Optional;
import java.util.OptionalInt;

/** The coordinator's durable state: which executions wait for a slot, which hold one, and how many slots there are. */
public interface AdmissionQueue {

    /** Adds a waiting execution; adding one that is already known changes nothing. */
    void enqueue(String executionId, String ownerId, int priorityRank);

    /** The next execution to admit: highest priority first, then first come first served. */
    Optional<String> nextWaiting();

    /** Moves a waiting execution to another priority, keeping its arrival; one that holds a slot or is gone is left alone. */
    void reprioritize(String executionId, int priorityRank);

    void markAdmitted(String executionId);

    /** Forgets an execution that ended, freeing its slot if it held one. */
    void remove(String executionId);

    int admittedCount();

    int waitingCount();

    /** Waiting and admitted executions per priority rank, read in one go. */
    AdmissionCounts counts();

    /** How many executions may hold a slot at once, once set; empty before. */
    OptionalInt capacity();

    void setCapacity(int slots);
}
