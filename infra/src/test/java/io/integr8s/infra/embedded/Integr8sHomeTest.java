package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Integr8sHomeTest {

    @TempDir
    Path parent;

    @Test
    void aNewHomeIsPrivate() throws IOException {
        Path home = parent.resolve("new").resolve("home");
        Integr8sHome.prepare(home);
        assertThat(mode(home)).isEqualTo("rwx------");
    }

    @Test
    void anOlderHomeIsTightened() throws IOException {
        Path home = Files.createDirectory(parent.resolve("old"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path kafka = Files.createDirectory(home.resolve("kafka"));
        Path runtime = Files.writeString(home.resolve("runtime.properties"), "pid=1");
        Files.setPosixFilePermissions(kafka, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rw-r--r--"));

        Integr8sHome.prepare(home);

        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(kafka)).isEqualTo("rwx------");
        assertThat(mode(runtime)).isEqualTo("rw-------");
    }

    @Test
    void aSecretIsGeneratedOnceIntoAPrivateFileAndReused() throws IOException {
        Integr8sHome.prepare(parent);
        HomeSecrets secrets = new HomeSecrets(parent);
        String first = secrets.get("redis");

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(new HomeSecrets(parent).get("redis")).isEqualTo(first);
        assertThat(secrets.get("kafka")).isNotEqualTo(first);
        assertThat(mode(parent.resolve("secrets"))).isEqualTo("rwx------");
        assertThat(mode(secrets.file("redis"))).isEqualTo("rw-------");
        assertThat(Files.readString(secrets.file("redis"))).isEqualTo(first + "\n");
    }

    @Test
    void aFileIsReplacedAtomicallyAndIsPrivateFromTheStart() throws IOException {
        Path file = parent.resolve("runtime.properties");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.write(file, "new".getBytes());

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(parent.resolve("runtime.properties.tmp")).doesNotExist();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
