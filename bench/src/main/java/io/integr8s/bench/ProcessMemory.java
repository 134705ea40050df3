package io.integr8s.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of the platform's process, from {@code /proc/<pid>/status}. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long residentMiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS for process " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of process " + pid + "; is it running?", e);
        }
    }
}
