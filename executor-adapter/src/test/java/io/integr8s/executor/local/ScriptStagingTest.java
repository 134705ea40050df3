package io.integr8s.executor.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptStagingTest {

    /** A pid no process has (pid_max is at most 2^22). */
    private static final String DEAD = Integer.toString(Integer.MAX_VALUE);

    @TempDir
    Path temp;

    @Test
    void stagingLeftByACrashedExecutorIsRemovedAtTheNextStartWhileALiveOnesIsKept() throws Exception {
        Path staging = temp.resolve("staging");
        Path dead = Files.createDirectories(staging.resolve(DEAD + "-1"));
        Files.writeString(Files.createDirectory(dead.resolve("run-1")).resolve("main.py"), "print('secret')");
        Process other = new ProcessBuilder("sleep", "30").start();
        Path live = Files.createDirectories(staging.resolve(other.pid() + "-1"));
        try {
            ScriptStaging staging1 = ScriptStaging.open(staging);
            staging1.close();

            assertThat(dead).doesNotExist();
            assertThat(live).exists();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void everythingStagedIsPrivateToTheExecutorAndNotInASharedDirectory() throws Exception {
        Path staging = temp.resolve("home").resolve("staging");
        ScriptStaging scripts = ScriptStaging.open(staging);
        try {
            ScriptStaging.Staged staged = scripts.stage("print(1)", "py");

            assertThat(staged.file()).startsWith(staging.toRealPath()).hasContent("print(1)");
            assertThat(staged.file().toString()).doesNotContain("/tmp/integr8s");
            for (Path dir : new Path[]{staging, scripts.base(), staged.dir()}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("%s", dir)
                        .isEqualTo("rwx------");
            }
            for (Path file : new Path[]{staged.file(), staged.status()}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file)
                        .isEqualTo("rw-------");
            }
        } finally {
            scripts.close();
        }
        assertThat(scripts.base()).doesNotExist();
    }

    @Test
    void aStagingDirectoryThatIsALinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("staging"), elsewhere);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScriptStaging.open(link))
                .hasMessageContaining("not a link");
    }

    @Test
    void removingAStaleTreeRemovesLinksAsLinksAndNeverTouchesWhatTheyPointTo() throws Exception {
        Path victim = victim();
        Path staging = temp.resolve("staging");
        Path stale = Files.createDirectories(staging.resolve(DEAD + "-7").resolve("run-1"));
        Files.createSymbolicLink(stale.resolve("dir-link"), victim);
        Files.createSymbolicLink(stale.resolve("file-link"), victim.resolve("f0"));
        Files.createSymbolicLink(staging.resolve(DEAD + "-8"), victim); // a stale entry that is itself a link

        ScriptStaging.open(staging).close();

        assertThat(staging.resolve(DEAD + "-7")).doesNotExist();
        assertThat(staging.resolve(DEAD + "-8")).doesNotExist();
        assertThat(victim.toFile().list()).hasSize(FILES);
    }

    /**
     * The attack: while the tree is removed, a directory in it is swapped for a link to a victim directory holding
     * files of the same names. A path-based removal (list the tree, then delete each path) deletes the victim's files
     * through the link; removal relative to opened directories cannot.
     */
    @Test
    void aDirectorySwappedForALinkWhileTheTreeIsRemovedDoesNotLeadOutOfIt() throws Exception {
        Path victim = victim();
        Path staging = temp.resolve("staging");
        for (int round = 0; round < 100; round++) {
            Path sub = Files.createDirectories(staging.resolve(DEAD + "-" + round).resolve("sub"));
            for (int i = 0; i < FILES; i++) {
                Files.writeString(sub.resolve("f" + i), "stale");
            }
            Path parked = sub.resolveSibling("parked");
            Path link = Files.createSymbolicLink(sub.resolveSibling("link"), victim);
            AtomicBoolean go = new AtomicBoolean(true);
            Thread swapper = new Thread(() -> {
                while (go.get()) {
                    try {
                        Files.move(sub, parked, StandardCopyOption.ATOMIC_MOVE);
                        Files.move(link, sub, StandardCopyOption.ATOMIC_MOVE);
                        Thread.onSpinWait();
                        Files.move(sub, link, StandardCopyOption.ATOMIC_MOVE);
                        Files.move(parked, sub, StandardCopyOption.ATOMIC_MOVE);
                    } catch (Exception removedMeanwhile) {
                        return;
                    }
                }
            });
            swapper.start();
            try {
                ScriptStaging.deleteTree(sub.getParent());
            } catch (RuntimeException refusedToFollow) {
                // an entry that turned into a link between reading and opening it is not entered: fine
            } finally {
                go.set(false);
                swapper.join();
            }
            assertThat(victim.toFile().list()).as("round %d", round).hasSize(FILES);
        }
        ScriptStaging.open(staging).close();
        assertThat(staging.toFile().list()).isEmpty();
        assertThat(victim.toFile().list()).hasSize(FILES);
        assertThat(Files.isDirectory(victim, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    private static final int FILES = 50;

    private Path victim() throws Exception {
        Path victim = Files.createDirectory(temp.resolve("victim"));
        IntStream.range(0, FILES).forEach(i -> {
            try {
                Files.writeString(victim.resolve("f" + i), "precious");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return victim;
    }
}
