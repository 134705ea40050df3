package io.integr8s.api.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The host's live processes, read from /proc, for checking that nothing of a sandbox outlived its run. */
final class HostProcesses {

    /** Reads one file of a process's /proc directory; throws when the process is gone meanwhile. */
    interface ProcFile {
        String read(String name) throws IOException;
    }

    interface Match {
        boolean test(ProcFile proc) throws IOException;
    }

    private HostProcesses() {
    }

    /** Pids of the processes matching; a process that ends while being read does not match. */
    static List<Long> matching(Match match) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(path -> {
                        ProcFile proc = name -> Files.readString(path.resolve(name));
                        try {
                            return match.test(proc);
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    })
                    .map(path -> Long.parseLong(path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Processes whose command line or cgroup names the execution (a local sandbox's cgroups carry its id; its command
     * line names no path of the run).
     */
    static List<Long> mentioning(String executionId) {
        return matching(proc -> proc.read("cmdline").contains(executionId) || proc.read("cgroup").contains(executionId));
    }

    /** Live processes running as one of the given host uids (zombies, reaped late by this machine's init, hold nothing). */
    static List<Long> ownedByUids(int fromInclusive, int toExclusive) {
        return matching(proc -> {
            String status = proc.read("status");
            if (status.contains("State:\tZ")) {
                return false;
            }
            String uidLine = status.lines().filter(line -> line.startsWith("Uid:")).findFirst().orElse("Uid:\t0");
            int uid = Integer.parseInt(uidLine.split("\\s+")[1]);
            return uid >= fromInclusive && uid < toExclusive;
        });
    }
}
