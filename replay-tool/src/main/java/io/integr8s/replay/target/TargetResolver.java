package io.integr8s.replay.target;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.integr8s.replay.Arguments;
import io.integr8s.replay.ToolFailure;
import io.integr8s.replay.UsageException;

/**
 * Finds the database: {@code --jdbc-url} (with {@code --user}/{@code --password}) if given, else the
 * {@code runtime.properties} of the running integr8s under {@code --home}, {@code $INTEGR8S_HOME} or
 * {@code ./.integr8s}, as the app resolves its home.
 */
public final class TargetResolver {

    public static final Set<String> OPTIONS = Set.of("home", "jdbc-url", "user", "password");
    private static final String HOME_VARIABLE = "INTEGR8S_HOME";
    private static final String DEFAULT_HOME = ".integr8s";

    private final Map<String, String> environment;

    public TargetResolver(Map<String, String> environment) {
        this.environment = environment;
    }

    public DatabaseTarget resolve(Arguments arguments) throws UsageException, ToolFailure {
        if (arguments.option("jdbc-url").isPresent()) {
            if (arguments.option("home").isPresent()) {
                throw new UsageException("give either --home or --jdbc-url, not both");
            }
            return new DatabaseTarget(arguments.option("jdbc-url").get(), arguments.option("user").orElse(null),
                    arguments.option("password").orElse(null), "--jdbc-url");
        }
        if (arguments.option("user").isPresent() || arguments.option("password").isPresent()) {
            throw new UsageException("--user and --password go with --jdbc-url; with --home they come from runtime.properties");
        }
        return RuntimeProperties.load(home(arguments)).databaseTarget();
    }

    private Path home(Arguments arguments) {
        String home = arguments.option("home").orElseGet(() -> environment.getOrDefault(HOME_VARIABLE, DEFAULT_HOME));
        return Path.of(home).toAbsolutePath().normalize();
    }
}
