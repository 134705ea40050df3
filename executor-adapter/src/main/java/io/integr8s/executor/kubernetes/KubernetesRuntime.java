package io.integr8s.executor.kubernetes;

import io.integr8s.command.runtime.LanguageRuntime;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One language version as a pod runs it: the image, the script's file extension, the argv that runs the script
 * ({@value #SCRIPT} stands for its path in the pod) and fixed extra environment ({@code NAME=value}, never anything of
 * a request).
 */
public record KubernetesRuntime(String lang, String version, String image, String fileExtension, List<String> command,
                                List<String> environment) {

    public static final String SCRIPT = "{script}";

    /** Names a runtime may set: upper-case letters, digits and '_'; never the dynamic loader's {@code LD_*}. */
    private static final Pattern VARIABLE = Pattern.compile("(?!LD_)[A-Z][A-Z0-9_]*=[^\\x00]*");

    public KubernetesRuntime {
        command = command == null ? List.of() : List.copyOf(command);
        environment = environment == null ? List.of() : List.copyOf(environment);
        if (lang == null || version == null || image == null || image.isBlank() || fileExtension == null
                || command.isEmpty()) {
            throw new IllegalArgumentException("Each integr8s.executor.kubernetes.runtimes entry needs lang, version, "
                    + "image, file-extension and command; got " + lang + " " + version + " image=" + image);
        }
        environment.stream().filter(entry -> entry == null || !VARIABLE.matcher(entry).matches()).findFirst()
                .ifPresent(entry -> {
                    throw new IllegalArgumentException("Runtime " + lang + " " + version + ": environment entry '"
                            + entry + "' must be NAME=value with a name of A-Z, 0-9 and '_' (not LD_*)");
                });
    }

    List<String> commandFor(String scriptPath) {
        return command.stream().map(arg -> arg.equals(SCRIPT) ? scriptPath : arg).toList();
    }

    LanguageRuntime toLanguageRuntime() {
        return new LanguageRuntime(lang, List.of(version), fileExtension);
    }
}
