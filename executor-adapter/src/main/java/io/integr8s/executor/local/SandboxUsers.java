package io.integr8s.executor.local;

import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The host identities sandboxes run as. An executor running as root owns a pool of {@code slots} uids starting at
 * {@code uid-base} (each with the same number as its gid): a run takes the lowest free one and gives it back only
 * after every process of the run is gone, so two runs never share a uid (they cannot signal or ptrace each other,
 * nor read each other's staged scripts). A non-root executor runs every sandbox as itself.
 */
final class SandboxUsers {

    private final SandboxUser self;
    private final int base;
    private final TreeSet<Integer> free = new TreeSet<>();

    private SandboxUsers(SandboxUser self, int base, int slots) {
        this.self = self;
        this.base = base;
        for (int slot = 0; slot < slots; slot++) {
            free.add(slot);
        }
    }

    static SandboxUsers forThisProcess(LocalExecutorProperties properties) {
        SandboxUser self = SandboxUser.forThisProcess(properties);
        return new SandboxUsers(self, properties.uidBase(), properties.effectiveMaxParallel());
    }

    /** True when sandboxes get their own uids (the executor runs as root). */
    boolean switchFromRoot() {
        return self.switchFromRoot();
    }

    /** Representative identity (slot 0, or this process when not root); for checks that do not run anything. */
    SandboxUser any() {
        return self;
    }

    /** Takes a free slot's identity; null if none became free within {@code wait}. */
    synchronized SandboxUser acquire(Duration wait) throws InterruptedException {
        if (!self.switchFromRoot()) {
            return self;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (free.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        int slot = free.pollFirst();
        return new SandboxUser(base + slot, base + slot, true);
    }

    /** Gives a slot back; call only once its processes are all dead. */
    synchronized void release(SandboxUser user) {
        if (user == null || !user.switchFromRoot()) {
            return;
        }
        free.add(user.uid() - base);
        notifyAll();
    }
}
