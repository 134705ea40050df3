package io.integr8s.api.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/** Example scripts per language, offered to the UI; only those of installed runtimes are served. */
@ConfigurationProperties(prefix = "integr8s.example-scripts")
public record ExampleScriptsProperties(Map<String, String> scripts) {

    public ExampleScriptsProperties {
        scripts = scripts == null ? Map.of() : Map.copyOf(scripts);
    }
}
