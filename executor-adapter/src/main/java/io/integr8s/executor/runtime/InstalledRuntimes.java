package io.integr8s.executor.runtime;

import io.integr8s.command.runtime.RuntimeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured runtimes this machine can actually run inside a sandbox: the interpreter exists, is executable and
 * lies in a directory the sandbox mounts. Every other one is skipped with its reason in the log.
 */
public class InstalledRuntimes {

    private static final Logger log = LoggerFactory.getLogger(InstalledRuntimes.class);

    /** Host directories a sandbox sees (read-only); an interpreter elsewhere (a pyenv shim in /root) is unreachable. */
    private static final List<Path> SANDBOX_VISIBLE = List.of(Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"),
            Path.of("/lib"), Path.of("/lib64"));

    private final List<RuntimeDefinition> installed;

    public InstalledRuntimes(RuntimeProperties properties) {
        List<RuntimeDefinition> usable = new ArrayList<>();
        for (RuntimeDefinition runtime : properties.languages()) {
            Optional<String> problem = problemWith(runtime);
            if (problem.isPresent()) {
                log.warn("Runtime {} {} is not offered: {}", runtime.lang(), runtime.versions(), problem.get());
            } else {
                usable.add(runtime);
            }
        }
        this.installed = List.copyOf(usable);
        log.info("Runtimes offered by this installation: {}", registry().describe());
    }

    public List<RuntimeDefinition> installed() {
        return installed;
    }

    public Optional<RuntimeDefinition> find(String lang, String version) {
        return installed.stream()
                .filter(runtime -> runtime.lang().equals(lang) && runtime.versions().contains(version))
                .findFirst();
    }

    public RuntimeRegistry registry() {
        return new RuntimeRegistry(installed.stream().map(RuntimeDefinition::toLanguageRuntime).toList());
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
        Path interpreter = runtime.interpreter();
        if (interpreter == null || !interpreter.isAbsolute()) {
            return Optional.of("interpreter " + interpreter + " must be an absolute path");
        }
        if (!Files.exists(interpreter)) {
            return Optional.of("interpreter " + interpreter + " does not exist; install it or remove this runtime");
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
