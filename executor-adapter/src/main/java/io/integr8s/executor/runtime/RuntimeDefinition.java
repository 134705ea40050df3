package io.integr8s.executor.runtime;

import io.integr8s.command.runtime.LanguageRuntime;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One configured language: the versions it answers to, the extension its scripts get, the interpreter that must
 * exist on this machine, the argv that runs a script ({@value #SCRIPT} stands for the script's path), the argv that
 * prints the interpreter's version (run once at start; empty = {@code <interpreter> --version}), and extra
 * environment variables of its sandboxes ({@code NAME=value}, fixed by configuration, never taken from a request).
 */
public record RuntimeDefinition(String lang, List<String> versions, String fileExtension, Path interpreter,
                                List<String> command, List<String> versionCommand, List<String> environment) {

    public static final String SCRIPT = "{script}";

    /** Names a runtime may set: upper-case letters, digits and '_'; never the dynamic loader's {@code LD_*}. */
    private static final Pattern VARIABLE = Pattern.compile("(?!LD_)[A-Z][A-Z0-9_]*=[^\\x00]*");

    public RuntimeDefinition {
        versions = versions == null ? List.of() : List.copyOf(versions);
        command = command == null ? List.of() : List.copyOf(command);
        versionCommand = versionCommand == null ? List.of() : List.copyOf(versionCommand);
        environment = environment == null ? List.of() : List.copyOf(environment);
    }

    public List<String> commandFor(String scriptPath) {
        return command.stream().map(arg -> arg.equals(SCRIPT) ? scriptPath : arg).toList();
    }

    /** The argv that prints this runtime's version: the configured one, else {@code <interpreter> --version}. */
    public List<String> effectiveVersionCommand() {
        if (!versionCommand.isEmpty() || interpreter == null) {
            return versionCommand;
        }
        return List.of(interpreter.toString(), "--version");
    }

    /** The first environment entry that is not a plain {@code NAME=value} with an allowed name, if any. */
    java.util.Optional<String> invalidEnvironmentEntry() {
        return environment.stream().filter(entry -> entry == null || !VARIABLE.matcher(entry).matches()).findFirst();
    }

    /** This runtime offering only {@code matched} of its versions (those the installed interpreter answers to). */
    public RuntimeDefinition withVersions(List<String> matched) {
        return new RuntimeDefinition(lang, matched, fileExtension, interpreter, command, versionCommand, environment);
    }

    public LanguageRuntime toLanguageRuntime() {
        return new LanguageRuntime(lang, versions, fileExtension);
    }
}
