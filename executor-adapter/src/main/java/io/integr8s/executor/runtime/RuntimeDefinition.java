package io.integr8s.executor.runtime;

import io.integr8s.command.runtime.LanguageRuntime;

import java.nio.file.Path;
import java.util.List;

/**
 * One configured language: the versions it answers to, the extension its scripts get, the interpreter that must
 * exist on this machine, and the argv that runs a script ({@value #SCRIPT} stands for the script's path).
 */
public record RuntimeDefinition(String lang, List<String> versions, String fileExtension, Path interpreter,
                                List<String> command) {

    public static final String SCRIPT = "{script}";

    public RuntimeDefinition {
        versions = versions == null ? List.of() : List.copyOf(versions);
        command = command == null ? List.of() : List.copyOf(command);
    }

    public List<String> commandFor(String scriptPath) {
        return command.stream().map(arg -> arg.equals(SCRIPT) ? scriptPath : arg).toList();
    }

    public LanguageRuntime toLanguageRuntime() {
        return new LanguageRuntime(lang, versions, fileExtension);
    }
}
