package io.integr8s.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox's processes: bwrap, its child (the init of the sandbox's pid namespace) and everything below.
 * Killing SIGKILLs the namespace init: the kernel then kills every process in the namespace, also double-forked
 * daemons, and each dead process is reaped by its own parent right away. (Killing bwrap first would re-parent the
 * dying processes to the host's init, which may reap them late.) bwrap itself is killed only as a fallback.
 */
final class ProcessTree {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration ORDERLY_EXIT = Duration.ofSeconds(1);

    private final Process bwrap;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    ProcessTree(Process bwrap) {
        this.bwrap = bwrap;
    }

    /** Sends SIGKILL to the sandbox without waiting; safe from any thread. */
    void kill() {
        bwrap.descendants().forEach(seen::add);
        List<ProcessHandle> namespaceInits = bwrap.children().toList();
        if (namespaceInits.isEmpty()) {
            bwrap.destroyForcibly();
        } else {
            namespaceInits.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Kills the sandbox and waits until every process of it is gone; false if the patience ran out. */
    boolean killAndWait(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        kill();
        if (!bwrap.waitFor(ORDERLY_EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
            bwrap.destroyForcibly();
            seen.forEach(ProcessHandle::destroyForcibly);
            bwrap.waitFor(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        }
        // they are not our children: the JDK would poll them at 300 ms+ intervals, so poll faster here
        while (bwrap.isAlive() || seen.stream().anyMatch(ProcessTree::runs)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /**
     * Alive and not a zombie. After bwrap exits, its namespace init may be re-parented to the host's init, which
     * reaps it whenever it gets to it; a zombie holds no memory and runs nothing, so it does not count.
     */
    private static boolean runs(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
