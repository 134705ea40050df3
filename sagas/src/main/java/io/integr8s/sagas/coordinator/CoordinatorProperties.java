package io.integr8s.sagas.coordinator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxConcurrent how many executions may hold a sandbox at once until an admin sets the system settings'
 *                      {@code max_concurrent_executions}; 0 or absent means one per CPU core
 */
@ConfigurationProperties(prefix = "integr8s.coordinator")
public record CoordinatorProperties(int maxConcurrent) {

    public int effectiveMaxConcurrent() {
        return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    }
}
