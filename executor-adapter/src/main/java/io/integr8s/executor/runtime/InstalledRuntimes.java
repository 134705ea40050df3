package io.integr8s.executor.runtime;

import io.integr8s.command.runtime.RuntimeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured runtimes this machine can actually run inside a sandbox: the interpreter exists, is executable, lies
 * in a directory the sandbox mounts, and its version command (run once, here, at start) answers with a version that
 * matches a configured one. Every other one is skipped with its reason in the log.
 * <p>
 * Matching: a configured version matches the discovered one on as many components as it has: {@code 3.11} matches
 * 3.11.7 (major.minor), {@code 20} matches 20.20.2 (major). The runtime is offered with the configured versions
 * that matched.
 */
public class InstalledRuntimes {

    private static final Logger log = LoggerFactory.getLogger(InstalledRuntimes.class);

    /** How long one version command may take (an interpreter that hangs here would hang every run too). */
    public static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);

    /** Host directories a sandbox sees (read-only); an interpreter elsewhere (a pyenv shim in /root) is unreachable. */
    private static final List<Path> SANDBOX_VISIBLE = List.of(Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"),
            Path.of("/lib"), Path.of("/lib64"));

    /** The first version-looking token of a version command's output: "Python 3.11.7", "v20.1.0", "go1.19.8". */
    private static final Pattern VERSION = Pattern.compile("(?<![0-9.])(\\d+(?:\\.\\d+)*)");
    /** How much of a version command's output is looked at. */
    private static final int VERSION_OUTPUT_LIMIT = 4096;
    /** The version command's environment: nothing of the executor's own (its secrets) is passed on. */
    private static final List<String> VERSION_ENVIRONMENT = List.of("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp",
            "LANG=C.UTF-8");

    /** One runtime as discovered at start: offered ({@code problem} empty) or skipped with the reason. */
    public record Discovery(RuntimeDefinition runtime, String discoveredVersion, Optional<String> problem) {
    }

    private final List<RuntimeDefinition> installed;
    private final List<Discovery> discoveries;

    public InstalledRuntimes(RuntimeProperties properties) {
        this(properties, VERSION_TIMEOUT);
    }

    public InstalledRuntimes(RuntimeProperties properties, Duration versionTimeout) {
        List<RuntimeDefinition> usable = new ArrayList<>();
        List<Discovery> seen = new ArrayList<>();
        for (RuntimeDefinition runtime : properties.languages()) {
            Discovery discovery = discover(runtime, versionTimeout);
            seen.add(discovery);
            if (discovery.problem().isPresent()) {
                log.warn("Runtime {} {} is not offered: {}", runtime.lang(), runtime.versions(), discovery.problem().get());
            } else {
                usable.add(discovery.runtime());
                log.info("Runtime {} {} offered: {} answers version {}", runtime.lang(), discovery.runtime().versions(),
                        runtime.interpreter(), discovery.discoveredVersion());
            }
        }
        this.installed = List.copyOf(usable);
        this.discoveries = List.copyOf(seen);
        log.info("Runtimes offered by this installation: {}", registry().describe());
    }

    public List<RuntimeDefinition> installed() {
        return installed;
    }

    /** Every configured runtime with what start-up found (for diagnostics and tests). */
    public List<Discovery> discoveries() {
        return discoveries;
    }

    public Optional<RuntimeDefinition> find(String lang, String version) {
        return installed.stream()
                .filter(runtime -> runtime.lang().equals(lang) && runtime.versions().contains(version))
                .findFirst();
    }

    public RuntimeRegistry registry() {
        return new RuntimeRegistry(installed.stream().map(RuntimeDefinition::toLanguageRuntime).toList());
    }

    private static Discovery discover(RuntimeDefinition runtime, Duration timeout) {
        Optional<String> problem = problemWith(runtime);
        if (problem.isPresent()) {
            return new Discovery(runtime, null, problem);
        }
        String output;
        try {
            output = runVersionCommand(runtime.effectiveVersionCommand(), runtime.environment(), timeout);
        } catch (VersionCommandFailed e) {
            return new Discovery(runtime, null, Optional.of("its version command "
                    + runtime.effectiveVersionCommand() + " " + e.getMessage()));
        }
        Optional<String> version = versionIn(output);
        if (version.isEmpty()) {
            return new Discovery(runtime, null, Optional.of("its version command " + runtime.effectiveVersionCommand()
                    + " printed no version number: '" + firstLine(output) + "'"));
        }
        List<String> matched = runtime.versions().stream().filter(wanted -> matches(wanted, version.get())).toList();
        if (matched.isEmpty()) {
            return new Discovery(runtime, version.get(), Optional.of("wrong version: " + runtime.interpreter()
                    + " is version " + version.get() + " ('" + firstLine(output) + "'), configured are "
                    + runtime.versions() + "; install one of them or change integr8s.runtimes.languages"));
        }
        return new Discovery(runtime.withVersions(matched), version.get(), Optional.empty());
    }

    /** The first version number in a version command's output, e.g. "3.11.7" in "Python 3.11.7". */
    static Optional<String> versionIn(String output) {
        Matcher matcher = VERSION.matcher(output);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Whether {@code discovered} starts with all components of {@code configured}: 3.11 ⊂ 3.11.7, 20 ⊂ 20.1.0. */
    static boolean matches(String configured, String discovered) {
        if (configured == null || !configured.matches("\\d+(\\.\\d+)*")) {
            return false;
        }
        String[] want = configured.split("\\.");
        String[] have = discovered.split("\\.");
        if (want.length > have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!withoutLeadingZeros(want[i]).equals(withoutLeadingZeros(have[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String withoutLeadingZeros(String number) {
        return number.replaceFirst("^0+(?=\\d)", "");
    }

    private static final class VersionCommandFailed extends Exception {
        VersionCommandFailed(String message) {
            super(message);
        }
    }

    /**
     * Runs the version command on the host with a fixed environment, stdin from /dev/null and stdout+stderr into a
     * private temporary file (no reader thread can hang on a pipe a stray child keeps open). Bounded by {@code timeout}.
     */
    private static String runVersionCommand(List<String> argv, List<String> environment, Duration timeout)
            throws VersionCommandFailed {
        if (argv.isEmpty() || !Path.of(argv.get(0)).isAbsolute()) {
            throw new VersionCommandFailed("must start with an absolute path");
        }
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("integr8s-runtime-version", ".txt");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().clear();
            for (String entry : concat(VERSION_ENVIRONMENT, environment)) {
                int eq = entry.indexOf('=');
                builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new VersionCommandFailed("did not answer within " + timeout.toMillis() + " ms");
            }
            String output = readStart(out);
            if (process.exitValue() != 0) {
                throw new VersionCommandFailed("failed with exit code " + process.exitValue() + ": '"
                        + firstLine(output) + "'");
            }
            return output;
        } catch (IOException e) {
            throw new VersionCommandFailed("could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VersionCommandFailed("was interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file of a few bytes
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String readStart(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(VERSION_OUTPUT_LIMIT), StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(String output) {
        String line = output.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static Optional<String> problemWith(RuntimeDefinition runtime) {
        if (runtime.lang() == null || runtime.lang().isBlank() || runtime.versions().isEmpty()
                || runtime.fileExtension() == null || !runtime.fileExtension().matches("[A-Za-z0-9]+")) {
            return Optional.of("set lang, at least one version and a file-extension of letters and digits");
        }
        if (!runtime.command().contains(RuntimeDefinition.SCRIPT)) {
            return Optional.of("its command " + runtime.command() + " has no " + RuntimeDefinition.SCRIPT
                    + " argument for the script path");
        }
        Optional<String> badVariable = runtime.invalidEnvironmentEntry();
        if (badVariable.isPresent()) {
            return Optional.of("its environment entry '" + badVariable.get() + "' is not NAME=value with a name of "
                    + "upper-case letters, digits and '_' (LD_* is not allowed)");
        }
        Path interpreter = runtime.interpreter();
        if (interpreter == null || !interpreter.isAbsolute()) {
            return Optional.of("interpreter " + interpreter + " must be an absolute path");
        }
        if (!Files.exists(interpreter)) {
            return Optional.of("missing: interpreter " + interpreter + " does not exist; install it or remove this runtime");
        }
        if (!Files.isExecutable(interpreter)) {
            return Optional.of("interpreter " + interpreter + " is not executable");
        }
        try {
            Path real = interpreter.toRealPath();
            if (SANDBOX_VISIBLE.stream().noneMatch(real::startsWith)) {
                return Optional.of("interpreter " + interpreter + " resolves to " + real + ", outside the directories "
                        + "a sandbox mounts (" + SANDBOX_VISIBLE + "); point it at a system interpreter such as /usr/bin/...");
            }
        } catch (IOException e) {
            return Optional.of("interpreter " + interpreter + " cannot be resolved: " + e.getMessage());
        }
        return Optional.empty();
    }
}
