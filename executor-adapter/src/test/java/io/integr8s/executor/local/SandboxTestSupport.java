package io.integr8s.executor.local;

import io.integr8s.executor.runtime.InstalledRuntimes;
import io.integr8s.executor.runtime.RuntimeProperties;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real sandboxes for tests, each test class under its own host uid so that its processes can be found in /proc. */
final class SandboxTestSupport {

    private SandboxTestSupport() {
    }

    /** The tests' staging directory (each test JVM and factory gets its own directory below it). */
    static final Path STAGING = Path.of("target", "staging").toAbsolutePath();

    static LocalExecutorProperties properties(int uid, int maxParallel) {
        return new LocalExecutorProperties(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"), uid, uid,
                DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), maxParallel, STAGING);
    }

    static LocalSandboxFactory factory(LocalExecutorProperties properties) {
        return LocalSandboxFactory.forThisMachine(properties, new InstalledRuntimes(new RuntimeProperties(null)),
                new SandboxActivity());
    }

    /** How many uid slots after a test's uid base {@link #processesOf} looks at (test classes keep their bases this far apart). */
    static final int SLOTS = 8;

    /**
     * Host pids whose real uid is one of the slots {@code uid} … {@code uid + SLOTS - 1}, read from /proc. Zombies are left out: they are dead and run nothing,
     * and the host's init reaps them when it gets to it (this machine's init takes a second or two).
     */
    static List<Long> processesOf(int uid) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(path -> path.getFileName().toString().matches("\\d+"))
                    .filter(path -> realUid(path) >= uid && realUid(path) < uid + SLOTS && !isZombie(path))
                    .map(path -> Long.parseLong(path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isZombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    private static int realUid(Path proc) {
        try {
            return Files.readAllLines(proc.resolve("status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> Integer.parseInt(line.split("\\s+")[1]))
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
