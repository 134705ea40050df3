package io.integr8s.executor.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code integr8s.runtimes.languages}: the languages an executor may offer. Setting the list replaces the defaults
 * (python 3.11, node 20, ruby 3.1, bash 5.2 and go 1.19 from Debian 12's packages); only those whose interpreter exists
 * and answers its version command with a configured version are offered.
 */
@ConfigurationProperties(prefix = "integr8s.runtimes")
public record RuntimeProperties(List<RuntimeDefinition> languages) {

    /*
     * python: -I (isolated: no user site, no PYTHON* variables), -B (no .pyc), -u (unbuffered, so live output shows
     * each print as it happens instead of at exit).
     */

    /**
     * go: compiled to /tmp, then the binary is exec'ed, so the script's exit code is its own ({@code go run} turns every
     * failure into 1). The shell text is fixed; the script path is its {@code $0}. The build cache and GOPATH are in
     * the run's private /tmp; the build itself runs single-threaded (GOMAXPROCS=1, -p 1) so its threads stay far below
     * the process limit whatever the host's core count.
     */
    static final String GO_BUILD_AND_RUN = "GOMAXPROCS=1 /usr/bin/go build -p 1 -o /tmp/.integr8s-go/main \"$0\" "
            + "&& exec /tmp/.integr8s-go/main";

    static final List<RuntimeDefinition> DEFAULTS = List.of(
            new RuntimeDefinition("python", List.of("3.11"), "py", Path.of("/usr/bin/python3"),
                    List.of("/usr/bin/python3", "-I", "-B", "-u", RuntimeDefinition.SCRIPT),
                    List.of("/usr/bin/python3", "--version"), List.of()),
            new RuntimeDefinition("node", List.of("20", "18"), "js", Path.of("/usr/bin/node"),
                    List.of("/usr/bin/node", RuntimeDefinition.SCRIPT),
                    List.of("/usr/bin/node", "--version"), List.of()),
            new RuntimeDefinition("ruby", List.of("3.1"), "rb", Path.of("/usr/bin/ruby"),
                    List.of("/usr/bin/ruby", RuntimeDefinition.SCRIPT),
                    List.of("/usr/bin/ruby", "--version"), List.of()),
            new RuntimeDefinition("bash", List.of("5.2"), "sh", Path.of("/bin/bash"),
                    List.of("/bin/bash", RuntimeDefinition.SCRIPT),
                    List.of("/bin/bash", "--version"), List.of()),
            new RuntimeDefinition("go", List.of("1.19"), "go", Path.of("/usr/bin/go"),
                    List.of("/bin/sh", "-c", GO_BUILD_AND_RUN, RuntimeDefinition.SCRIPT),
                    List.of("/usr/bin/go", "version"),
                    List.of("GOCACHE=/tmp/.integr8s-go/cache", "GOPATH=/tmp/.integr8s-go/path", "GO111MODULE=off",
                            "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOTELEMETRY=off")));

    public RuntimeProperties {
        languages = languages == null ? DEFAULTS : List.copyOf(languages);
    }
}
