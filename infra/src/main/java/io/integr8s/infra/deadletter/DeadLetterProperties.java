package io.integr8s.infra.deadletter;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which processing groups park failing events in the PostgreSQL dead-letter queue instead of retrying forever. */
@ConfigurationProperties(prefix = "integr8s.dead-letters")
public class DeadLetterProperties {

    /**
     * Processing groups that get a dead-letter queue. An event whose handler throws is stored in the queue, together
     * with every later event of the same sequence (the same aggregate), and the processor goes on with the others.
     * Empty = no dead-letter queue.
     */
    private List<String> processingGroups = new ArrayList<>(List.of("execution-projection"));

    /**
     * Whether a reset of the processor (a projection rebuild by replay) also deletes that group's dead letters. A
     * replay handles those events again anyway; letters kept across a reset would make the replayed events of
     * their sequences be dead-lettered a second time instead of handled.
     */
    private boolean clearOnReset = true;

    public List<String> getProcessingGroups() {
        return processingGroups;
    }

    public void setProcessingGroups(List<String> processingGroups) {
        this.processingGroups = processingGroups;
    }

    /** The configured groups, trimmed, without blanks and repeats. */
    public List<String> groups() {
        return processingGroups.stream().map(String::trim).filter(g -> !g.isEmpty()).distinct().toList();
    }

    public boolean isClearOnReset() {
        return clearOnReset;
    }

    public void setClearOnReset(boolean clearOnReset) {
        this.clearOnReset = clearOnReset;
    }
}
