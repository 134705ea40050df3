package io.integr8s.infra.embedded;

import java.nio.file.Path;

import org.springframework.boot.context.properties.bind.Binder;

/** {@code integr8s.home} (environment variable {@code INTEGR8S_HOME}), default {@code ./.integr8s}, made absolute. */
public final class Integr8sHome {

    public static final String PROPERTY = "integr8s.home";
    public static final String DEFAULT = ".integr8s";

    private Integr8sHome() {
    }

    public static Path resolve(Binder binder) {
        return binder.bind(PROPERTY, String.class)
                .map(Path::of)
                .orElse(Path.of(DEFAULT))
                .toAbsolutePath()
                .normalize();
    }
}
