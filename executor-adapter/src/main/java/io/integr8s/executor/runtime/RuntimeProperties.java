package io.integr8s.executor.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code integr8s.runtimes.languages}: the languages an executor may offer. Setting the list replaces the defaults
 * (python 3.11, node 20, bash 5.2 from Debian 12's packages); only those whose interpreter exists are offered.
 */
@ConfigurationProperties(prefix = "integr8s.runtimes")
public record RuntimeProperties(List<RuntimeDefinition> languages) {

    static final List<RuntimeDefinition> DEFAULTS = List.of(
            new RuntimeDefinition("python", List.of("3.11"), "py", Path.of("/usr/bin/python3"),
                    List.of("/usr/bin/python3", "-I", "-B", RuntimeDefinition.SCRIPT)),
            new RuntimeDefinition("node", List.of("20"), "js", Path.of("/usr/bin/node"),
                    List.of("/usr/bin/node", RuntimeDefinition.SCRIPT)),
            new RuntimeDefinition("bash", List.of("5.2"), "sh", Path.of("/bin/bash"),
                    List.of("/bin/bash", RuntimeDefinition.SCRIPT)));

    public RuntimeProperties {
        languages = languages == null ? DEFAULTS : List.copyOf(languages);
    }
}
