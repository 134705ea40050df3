package io.integr8s.command.runtime;

import java.util.List;

/** One language this installation can run, with the versions and the file extension of its scripts. */
public record LanguageRuntime(String lang, List<String> versions, String fileExtension) {

    public LanguageRuntime {
        versions = List.copyOf(versions);
    }
}
