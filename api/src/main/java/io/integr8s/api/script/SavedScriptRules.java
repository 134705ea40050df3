package io.integr8s.api.script;

import io.integr8s.api.web.ApiBodyValidationException;
import io.integr8s.api.web.ValidationProblem.Violation;
import io.integr8s.command.execution.Execution;
import io.integr8s.command.runtime.RuntimeRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * What a saved script must be: named, within the size limits of an execution (counted in characters, i.e. code
 * points), and in a runtime this installation runs, so that it can always be run as saved.
 */
@Component
public class SavedScriptRules {

    static final int MAX_NAME_CHARACTERS = 255;
    static final int MAX_DESCRIPTION_CHARACTERS = 1000;

    private final RuntimeRegistry runtimes;

    public SavedScriptRules(RuntimeRegistry runtimes) {
        this.runtimes = runtimes;
    }

    /** Throws {@link ApiBodyValidationException} naming every field that breaks a rule. */
    public void check(SavedScript script) {
        List<Violation> violations = new ArrayList<>();
        if (script.name() == null) {
            violations.add(missing("name", "give the script a name"));
        } else if (script.name().isBlank()) {
            violations.add(new Violation("value_error", loc("name"), "The name is blank; give the script a name", script.name()));
        } else {
            tooLong("name", script.name(), MAX_NAME_CHARACTERS, violations);
        }
        if (script.script() == null) {
            violations.add(missing("script", "send the code to save"));
        } else {
            tooLong("script", script.script(), Execution.MAX_SCRIPT_CHARACTERS, violations);
        }
        if (script.description() != null) {
            tooLong("description", script.description(), MAX_DESCRIPTION_CHARACTERS, violations);
        }
        if (!runtimes.supports(script.lang(), script.langVersion())) {
            String field = runtimes.languages().containsKey(script.lang()) ? "lang_version" : "lang";
            violations.add(new Violation("value_error", loc(field), "Unsupported runtime '" + script.lang() + " "
                    + script.langVersion() + "'; supported: " + runtimes.describe(), script.lang() + " " + script.langVersion()));
        }
        if (!violations.isEmpty()) {
            throw new ApiBodyValidationException(violations);
        }
    }

    private static void tooLong(String field, String value, int limit, List<Violation> violations) {
        int characters = value.codePointCount(0, value.length());
        if (characters > limit) {
            violations.add(new Violation("string_too_long", loc(field), "The " + field + " has " + characters
                    + " characters; the limit is " + limit + "; shorten it", characters));
        }
    }

    private static Violation missing(String field, String what) {
        return new Violation("missing", loc(field), "Field required; " + what, null);
    }

    private static List<Object> loc(String field) {
        return List.of("body", field);
    }
}
