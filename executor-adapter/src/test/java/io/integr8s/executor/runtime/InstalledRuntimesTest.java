package io.integr8s.executor.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Version discovery at start: a runtime is offered only when its interpreter answers with a configured version. */
class InstalledRuntimesTest {

    /** A runtime whose "interpreter" is /bin/sh and whose version command prints {@code versionOutput}. */
    private static RuntimeDefinition fake(String lang, List<String> versions, String versionOutput) {
        return new RuntimeDefinition(lang, versions, "x", Path.of("/bin/sh"), List.of("/bin/sh", RuntimeDefinition.SCRIPT),
                List.of("/bin/sh", "-c", "printf '%s\\n' \"$0\"", versionOutput), List.of());
    }

    private static InstalledRuntimes discover(RuntimeDefinition... runtimes) {
        return new InstalledRuntimes(new RuntimeProperties(List.of(runtimes)), Duration.ofSeconds(2));
    }

    @Test
    void aRuntimeWhoseVersionDoesNotMatchIsSkippedWithTheReason() {
        InstalledRuntimes installed = discover(
                fake("python", List.of("3.11"), "Python 3.10.12"),
                fake("ruby", List.of("3.1"), "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]"));

        assertThat(installed.registry().languages()).containsOnlyKeys("ruby");
        InstalledRuntimes.Discovery python = installed.discoveries().get(0);
        assertThat(python.discoveredVersion()).isEqualTo("3.10.12");
        assertThat(python.problem()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("wrong version").contains("3.10.12").contains("[3.11]"));
    }

    @Test
    void majorMinorMatchesForMostAndMajorAloneForNode() {
        InstalledRuntimes installed = discover(
                fake("node", List.of("20"), "v20.20.2"),
                fake("node18", List.of("18"), "v20.20.2"),
                fake("bash", List.of("5.2"), "GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)"),
                fake("go", List.of("1.19"), "go version go1.19.8 linux/amd64"),
                fake("go2", List.of("1.1"), "go version go1.19.8 linux/amd64"));

        assertThat(installed.registry().languages()).containsOnlyKeys("node", "bash", "go");
        assertThat(installed.discoveries()).extracting(InstalledRuntimes.Discovery::discoveredVersion)
                .containsExactly("20.20.2", "20.20.2", "5.2.15", "1.19.8", "1.19.8");
    }

    @Test
    void onlyTheConfiguredVersionsThatMatchAreOffered() {
        InstalledRuntimes installed = discover(fake("python", List.of("3.10", "3.11", "3"), "Python 3.11.7"));

        assertThat(installed.registry().languages().get("python").versions()).containsExactly("3.11", "3");
        assertThat(installed.find("python", "3.10")).isEmpty();
        assertThat(installed.find("python", "3.11")).isPresent();
    }

    @Test
    void aMissingInterpreterAFailingOrHangingVersionCommandOrNoVersionAreSkipped() {
        RuntimeDefinition missing = new RuntimeDefinition("ghost", List.of("1"), "gh", Path.of("/usr/bin/no-such-ghost"),
                List.of("/usr/bin/no-such-ghost", RuntimeDefinition.SCRIPT), List.of(), List.of());
        RuntimeDefinition failing = new RuntimeDefinition("failing", List.of("1"), "f", Path.of("/bin/sh"),
                List.of("/bin/sh", RuntimeDefinition.SCRIPT), List.of("/bin/sh", "-c", "echo broken >&2; exit 3"), List.of());
        RuntimeDefinition hanging = new RuntimeDefinition("hanging", List.of("1"), "h", Path.of("/bin/sh"),
                List.of("/bin/sh", RuntimeDefinition.SCRIPT), List.of("/bin/sh", "-c", "sleep 30"), List.of());
        Instant start = Instant.now();

        InstalledRuntimes installed = discover(missing, failing, hanging, fake("mute", List.of("1"), "no number here"));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(installed.installed()).isEmpty();
        assertThat(installed.discoveries()).extracting(discovery -> discovery.problem().orElseThrow())
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("missing: interpreter /usr/bin/no-such-ghost"),
                        reason -> assertThat(reason).contains("exit code 3").contains("broken"),
                        reason -> assertThat(reason).contains("did not answer within 2000 ms"),
                        reason -> assertThat(reason).contains("printed no version number"));
    }

    @Test
    void theVersionCommandSeesTheRuntimesEnvironmentAndNothingOfTheExecutors() {
        RuntimeDefinition env = new RuntimeDefinition("env", List.of("7"), "e", Path.of("/bin/sh"),
                List.of("/bin/sh", RuntimeDefinition.SCRIPT),
                List.of("/bin/sh", "-c", "test -z \"$JAVA_HOME$MAVEN_OPTS\" && echo \"version $RUNTIME_VERSION\""),
                List.of("RUNTIME_VERSION=7.0"));

        assertThat(discover(env).registry().languages()).containsOnlyKeys("env");
    }

    @Test
    void anEnvironmentEntryThatIsNotAPlainAllowedVariableSkipsTheRuntime() {
        RuntimeDefinition preload = new RuntimeDefinition("preload", List.of("1"), "p", Path.of("/bin/sh"),
                List.of("/bin/sh", RuntimeDefinition.SCRIPT), List.of("/bin/sh", "-c", "echo 1"),
                List.of("LD_PRELOAD=/tmp/evil.so"));
        RuntimeDefinition lower = new RuntimeDefinition("lower", List.of("1"), "l", Path.of("/bin/sh"),
                List.of("/bin/sh", RuntimeDefinition.SCRIPT), List.of("/bin/sh", "-c", "echo 1"), List.of("path"));

        InstalledRuntimes installed = discover(preload, lower);

        assertThat(installed.installed()).isEmpty();
        assertThat(installed.discoveries().get(0).problem()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("LD_PRELOAD=/tmp/evil.so"));
    }

    @Test
    void theDefaultsAreTheFiveLanguagesAndThoseInstalledHereAreOfferedWithTheirVersions() {
        InstalledRuntimes installed = new InstalledRuntimes(new RuntimeProperties(null));

        assertThat(installed.discoveries()).extracting(discovery -> discovery.runtime().lang())
                .containsExactly("python", "node", "ruby", "bash", "go");
        for (InstalledRuntimes.Discovery discovery : installed.discoveries()) {
            boolean present = Files.isExecutable(discovery.runtime().interpreter());
            if (present && discovery.problem().isEmpty()) {
                assertThat(discovery.discoveredVersion()).startsWith(discovery.runtime().versions().get(0) + ".");
            } else if (!present) {
                assertThat(discovery.problem()).hasValueSatisfying(reason -> assertThat(reason).startsWith("missing"));
            }
        }
    }

    @Test
    void versionNumbersAreFoundInTheUsualOutputs() {
        assertThat(InstalledRuntimes.versionIn("Python 3.11.7")).hasValue("3.11.7");
        assertThat(InstalledRuntimes.versionIn("v20.20.2")).hasValue("20.20.2");
        assertThat(InstalledRuntimes.versionIn("go version go1.19.8 linux/amd64")).hasValue("1.19.8");
        assertThat(InstalledRuntimes.matches("3.11", "3.11.7")).isTrue();
        assertThat(InstalledRuntimes.matches("3.1", "3.11.7")).isFalse();
        assertThat(InstalledRuntimes.matches("20", "20.1.0")).isTrue();
        assertThat(InstalledRuntimes.matches("20.1.0.4", "20.1.0")).isFalse();
    }
}
