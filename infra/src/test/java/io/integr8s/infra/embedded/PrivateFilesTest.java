package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where root may run programs from: nowhere another user could swap a directory on the way. */
class PrivateFilesTest {

    @TempDir
    Path parent;

    @Test
    void aDirectoryBelowOneOthersCanWriteIsRefused() throws IOException {
        Path shared = mode(Files.createDirectory(parent.resolve("shared")), 0777);
        Path binaries = Files.createDirectories(shared.resolve("cache").resolve("bin"));

        assertThatThrownBy(() -> PrivateFiles.requireWritableOnlyByOwnerOrRoot(binaries))
                .isInstanceOf(IOException.class).hasMessageContaining("can be written by other users");
    }

    @Test
    void aDirectoryBelowAStickyOneOwnedByItsOwnerIsAccepted() throws IOException {
        Path likeTmp = mode(Files.createDirectory(parent.resolve("tmp")), 01777);
        Path binaries = Files.createDirectories(likeTmp.resolve("cache").resolve("bin"));

        assertThatCode(() -> PrivateFiles.requireWritableOnlyByOwnerOrRoot(binaries)).doesNotThrowAnyException();
    }

    @Test
    void theDirectoryItselfOpenToOthersIsRefusedEvenWhenSticky() throws IOException {
        Path binaries = mode(Files.createDirectory(parent.resolve("bin")), 01777);

        assertThatThrownBy(() -> PrivateFiles.requireWritableOnlyByOwnerOrRoot(binaries))
                .isInstanceOf(IOException.class).hasMessageContaining("can be written by other users");
    }

    private static Path mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
        return path;
    }
}
