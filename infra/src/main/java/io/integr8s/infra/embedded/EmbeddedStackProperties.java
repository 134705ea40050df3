package io.integr8s.infra.embedded;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded stack. Bound by {@link EmbeddedStackEnvironmentPostProcessor} before the context exists,
 * so they can only come from property sources (application.yml, system properties, environment variables).
 */
@ConfigurationProperties(prefix = "integr8s.embedded")
public class EmbeddedStackProperties {

    public enum MongoBackend { H2, MEMORY }

    /** Start PostgreSQL, Kafka, Redis and a Mongo-wire server inside the app. Set false to use real servers. */
    private boolean enabled = true;

    /** H2 keeps the read models in {@code <home>/mongo/read-models.mv}; MEMORY loses them on stop. */
    private MongoBackend mongoBackend = MongoBackend.H2;

    /**
     * H2's page cache for the read models, in MiB. Past it, a lookup reads and decodes pages again; a million-event
     * rebuild (166,667 views) runs about a third faster with 64 than with H2's default 16.
     */
    private int mongoCacheMib = 64;

    /** How long to wait for all embedded services to answer. */
    private Duration startTimeout = Duration.ofSeconds(120);

    /** At JVM exit, how long to wait for open Spring contexts to close before the services are stopped. */
    private Duration stopWaitForContexts = Duration.ofSeconds(20);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public MongoBackend getMongoBackend() { return mongoBackend; }
    public void setMongoBackend(MongoBackend mongoBackend) { this.mongoBackend = mongoBackend; }
    public int getMongoCacheMib() { return mongoCacheMib; }
    public void setMongoCacheMib(int mongoCacheMib) { this.mongoCacheMib = mongoCacheMib; }
    public Duration getStartTimeout() { return startTimeout; }
    public void setStartTimeout(Duration startTimeout) { this.startTimeout = startTimeout; }
    public Duration getStopWaitForContexts() { return stopWaitForContexts; }
    public void setStopWaitForContexts(Duration stopWaitForContexts) { this.stopWaitForContexts = stopWaitForContexts; }
}
