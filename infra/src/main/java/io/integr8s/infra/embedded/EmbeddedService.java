package io.integr8s.infra.embedded;

import java.util.Map;

/** One server of the embedded stack: started once per JVM and home, stopped when the JVM ends. */
public interface EmbeddedService {

    String name();

    void start() throws Exception;

    /** Spring properties that point the app at this running service. */
    Map<String, String> connectionProperties();

    void stop() throws Exception;
}
