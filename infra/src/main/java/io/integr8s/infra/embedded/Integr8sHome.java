package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * {@code integr8s.home} (environment variable {@code INTEGR8S_HOME}), default {@code ./.integr8s}, made absolute.
 * The home is private to the user running integr8s: {@link #prepare} makes it 0700.
 */
public final class Integr8sHome {

    public static final String PROPERTY = "integr8s.home";
    public static final String DEFAULT = ".integr8s";

    /** What an older version created in the home with the umask's modes (0755, 0644). */
    private static final List<String> OWN_ENTRIES = List.of("postgres", "kafka", "redis", "mongo", "sandboxes",
            HomeSecrets.DIRECTORY, "integr8s.lock", RuntimePropertiesFile.FILE_NAME);

    private Integr8sHome() {
    }

    public static Path resolve(Binder binder) {
        return binder.bind(PROPERTY, String.class)
                .map(Path::of)
                .orElse(Path.of(DEFAULT))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Creates the home 0700, or takes group and other permissions off an existing one and off what integr8s keeps
     * at its top (below those, the 0700 directories keep everyone else out).
     */
    public static void prepare(Path home) throws IOException {
        if (home.getParent() != null) {
            Files.createDirectories(home.getParent());
        }
        // a home that is a link is the user's choice; links inside it are not followed
        Path directory = Files.isSymbolicLink(home) ? home.toRealPath() : home;
        PrivateFiles.directory(directory);
        for (String entry : OWN_ENTRIES) {
            PrivateFiles.tighten(directory.resolve(entry));
        }
    }
}
