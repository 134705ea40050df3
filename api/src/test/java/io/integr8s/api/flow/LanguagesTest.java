package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import io.integr8s.executor.runtime.InstalledRuntimes;
import io.integr8s.executor.runtime.RuntimeDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five languages through the public API: the runtimes discovered at start are exactly those listed, each has an
 * example script, and every example runs to completion in a real sandbox.
 */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "integr8s.coordinator.max-concurrent=2",
                "integr8s.execution.timeout-seconds=15",
                "integr8s.saga.deadline-grace=5s"})
class LanguagesTest {

    static {
        TestHome.fresh("languages");
    }

    /** Independently of the application: the command that prints each language's version and what it must contain. */
    private static final Map<String, List<String>> VERSION_PROBES = Map.of(
            "python", List.of("/usr/bin/python3", "--version", "Python 3.11."),
            "node", List.of("/usr/bin/node", "--version", "v20."),
            "ruby", List.of("/usr/bin/ruby", "--version", "ruby 3.1."),
            "bash", List.of("/bin/bash", "--version", "version 5.2."),
            "go", List.of("/usr/bin/go", "version", "go1.19"));

    @LocalServerPort
    int port;

    @Autowired
    InstalledRuntimes installed;

    private ApiClient api() {
        return ApiClient.as(port, "user", "user123");
    }

    private JsonNode supportedRuntimes() {
        return api().http().get().uri("/k8s-limits").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10)).get("supported_runtimes");
    }

    @Test
    void theLimitsListExactlyTheRuntimesDiscoveredAtStart() {
        JsonNode supported = supportedRuntimes();

        Map<String, List<String>> listed = new TreeMap<>();
        supported.fields().forEachRemaining(entry -> listed.put(entry.getKey(), textList(entry.getValue().get("versions"))));
        Map<String, List<String>> discovered = new TreeMap<>();
        for (RuntimeDefinition runtime : installed.installed()) {
            discovered.put(runtime.lang(), runtime.versions());
            assertThat(supported.get(runtime.lang()).get("file_ext").asText()).isEqualTo(runtime.fileExtension());
        }
        assertThat(listed).isEqualTo(discovered);
        assertThat(listed.keySet()).as("languages whose interpreter answers its configured version on this machine")
                .isEqualTo(answeringHere());
    }

    @Test
    void everyLanguageHasAnExampleAndEveryExampleCompletesWithExitCodeZeroAndOutput() {
        JsonNode supported = supportedRuntimes();
        JsonNode examples = api().http().get().uri("/example-scripts").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10)).get("scripts");
        TreeSet<String> languages = new TreeSet<>();
        supported.fieldNames().forEachRemaining(languages::add);
        TreeSet<String> withExamples = new TreeSet<>();
        examples.fieldNames().forEachRemaining(withExamples::add);
        assertThat(withExamples).isEqualTo(languages);

        Map<String, String> ids = new LinkedHashMap<>();
        for (String lang : languages) {
            String version = supported.get(lang).get("versions").get(0).asText();
            ids.put(lang, api().submit(examples.get(lang).asText(), lang, version));
        }
        for (Map.Entry<String, String> run : ids.entrySet()) {
            JsonNode result = api().awaitStatus(run.getValue(), Duration.ofSeconds(60),
                    "completed", "failed", "timeout", "cancelled", "error");
            assertThat(result.get("status").asText()).as("%s: %s", run.getKey(), result).isEqualTo("completed");
            assertThat(result.get("exit_code").asInt()).as("%s: %s", run.getKey(), result).isZero();
            assertThat(result.get("stdout").asText()).as("%s stdout", run.getKey()).isNotBlank()
                    .startsWith("Hello from ");
            assertThat(result.get("lang").asText()).isEqualTo(run.getKey());
        }
    }

    private static List<String> textList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        Iterator<JsonNode> elements = array.elements();
        elements.forEachRemaining(element -> values.add(element.asText()));
        return values;
    }

    /** The languages whose interpreter is here and prints the expected version, found without the application. */
    private static TreeSet<String> answeringHere() {
        TreeSet<String> here = new TreeSet<>();
        VERSION_PROBES.forEach((lang, probe) -> {
            if (!Files.isExecutable(Path.of(probe.get(0)))) {
                return;
            }
            try {
                Process process = new ProcessBuilder(probe.get(0), probe.get(1)).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor(10, TimeUnit.SECONDS) && output.contains(probe.get(2))) {
                    here.add(lang);
                }
            } catch (IOException e) {
                // not runnable: not expected
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return here;
    }
}
