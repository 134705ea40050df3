package io.integr8s.command.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The languages and versions this installation can actually run; requests for anything else are refused. */
public final class RuntimeRegistry {

    private final Map<String, LanguageRuntime> languages;

    public RuntimeRegistry(List<LanguageRuntime> runtimes) {
        Map<String, LanguageRuntime> byLang = new LinkedHashMap<>();
        runtimes.forEach(runtime -> byLang.put(runtime.lang(), runtime));
        this.languages = Map.copyOf(byLang);
    }

    public boolean supports(String lang, String version) {
        LanguageRuntime runtime = languages.get(lang);
        return runtime != null && runtime.versions().contains(version);
    }

    public Map<String, LanguageRuntime> languages() {
        return languages;
    }

    /** For error messages: "python 3.11, node 20". */
    public String describe() {
        if (languages.isEmpty()) {
            return "none (no runtime is installed on this executor)";
        }
        return languages.values().stream()
                .sorted((a, b) -> a.lang().compareTo(b.lang()))
                .flatMap(r -> r.versions().stream().map(v -> r.lang() + " " + v))
                .collect(Collectors.joining(", "));
    }
}
