package io.integr8s.api.runtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.runtime.LanguageRuntime;
import io.integr8s.command.runtime.RuntimeRegistry;
import io.integr8s.executor.ExecutionBackend;
import io.integr8s.executor.SandboxLimits;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What this installation can run and under which limits (those its execution backend enforces). */
@RestController
public class RuntimeController {

    private final RuntimeRegistry runtimes;
    private final ExecutionBackend backend;
    private final ExecutionLimitsProperties limits;
    private final ExampleScriptsProperties examples;

    public RuntimeController(RuntimeRegistry runtimes, ExecutionBackend backend, ExecutionLimitsProperties limits,
                             ExampleScriptsProperties examples) {
        this.runtimes = runtimes;
        this.backend = backend;
        this.limits = limits;
        this.examples = examples;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LanguageInfo(List<String> versions, String fileExt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ResourceLimits(String cpuLimit, String memoryLimit, String cpuRequest, String memoryRequest,
                                 int executionTimeout, Map<String, LanguageInfo> supportedRuntimes) {
    }

    public record ExampleScripts(Map<String, String> scripts) {
    }

    @GetMapping("/api/v1/k8s-limits")
    public ResourceLimits limits() {
        Map<String, LanguageInfo> supported = new TreeMap<>();
        for (LanguageRuntime runtime : runtimes.languages().values()) {
            supported.put(runtime.lang(), new LanguageInfo(runtime.versions(), runtime.fileExtension()));
        }
        SandboxLimits enforced = backend.limits();
        return new ResourceLimits(Math.round(enforced.cpus() * 1000) + "m", enforced.memoryBytes() / (1024 * 1024) + "Mi",
                limits.cpuRequest(), limits.memoryRequest(), limits.timeoutSeconds(), supported);
    }

    @GetMapping("/api/v1/example-scripts")
    public ExampleScripts exampleScripts() {
        return new ExampleScripts(examples.scripts().entrySet().stream()
                .filter(example -> runtimes.languages().containsKey(example.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
    }
}
