package io.integr8s.api.runtime;

import io.integr8s.api.web.Blocking;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8s.command.runtime.LanguageRuntime;
import io.integr8s.command.runtime.RuntimeRegistry;
import io.integr8s.api.system.CurrentSystemSettings;
import io.integr8s.command.system.api.SystemSettingsValues;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What this installation can run and under which limits (those of the system settings in force). */
@RestController
public class RuntimeController {

    private final RuntimeRegistry runtimes;
    private final CurrentSystemSettings settings;
    private final ExecutionLimitsProperties limits;
    private final ExampleScriptsProperties examples;

    public RuntimeController(RuntimeRegistry runtimes, CurrentSystemSettings settings, ExecutionLimitsProperties limits,
                             ExampleScriptsProperties examples) {
        this.runtimes = runtimes;
        this.settings = settings;
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
    public Mono<ResourceLimits> limits() {
        return Blocking.call(settings::current).map(this::limits);
    }

    private ResourceLimits limits(SystemSettingsValues current) {
        Map<String, LanguageInfo> supported = new TreeMap<>();
        for (LanguageRuntime runtime : runtimes.languages().values()) {
            supported.put(runtime.lang(), new LanguageInfo(runtime.versions(), runtime.fileExtension()));
        }
        return new ResourceLimits(current.cpuLimit(), current.memoryLimit(), limits.cpuRequest(), limits.memoryRequest(),
                current.maxTimeoutSeconds(), supported);
    }

    @GetMapping("/api/v1/example-scripts")
    public ExampleScripts exampleScripts() {
        return new ExampleScripts(examples.scripts().entrySet().stream()
                .filter(example -> runtimes.languages().containsKey(example.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
    }
}
