package io.integr8s.api.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated session key: private, kept, reused, and never reached through a link or a file others could read. */
class SessionSecretTest {

    @TempDir
    Path home;

    private SessionSecret start(String configured) {
        MockEnvironment environment = ProductionSecretGuardTest.profiles();
        environment.setProperty("integr8s.home", home.toString());
        ProductionSecretGuard guard = ProductionSecretGuardTest.guard(configured, environment);
        guard.afterPropertiesSet();
        return new SessionSecret(ProductionSecretGuardTest.withSecret(configured), guard, environment);
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void withoutAConfiguredSecretARandomOneIsGeneratedPrivatelyAndReused() throws Exception {
        byte[] first = start(null).key();

        Path file = home.resolve("secrets").resolve(SessionSecret.SECRET_NAME);
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(first).hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(SecurityProperties.DEVELOPMENT_SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(start(null).key()).isEqualTo(first);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void twoHomesGetDifferentSecrets(@TempDir Path other) {
        byte[] first = start(null).key();
        home = other;
        assertThat(start(null).key()).isNotEqualTo(first);
    }

    @Test
    void aConfiguredSecretIsUsedAndNothingIsWritten() {
        String configured = "a-configured-secret-of-more-than-32-bytes";
        assertThat(start(configured).key()).isEqualTo(configured.getBytes(StandardCharsets.UTF_8));
        assertThat(home.resolve("secrets").resolve(SessionSecret.SECRET_NAME)).doesNotExist();
    }

    @Test
    void aSymbolicLinkInPlaceOfTheFileIsNotFollowed() throws Exception {
        Path target = Files.writeString(home.resolve("elsewhere"), "an-attackers-chosen-secret-of-enough-bytes");
        Files.createDirectories(home.resolve("secrets"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(home.resolve("secrets").resolve(SessionSecret.SECRET_NAME), target);

        assertThatThrownBy(() -> start(null)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void aSecretFileOthersCouldReadIsRefused() throws Exception {
        start(null);
        Files.setPosixFilePermissions(home.resolve("secrets").resolve(SessionSecret.SECRET_NAME), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(null)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("open to other users");
    }
}
