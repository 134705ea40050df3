package io.integr8s.executor.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cgroups of this executor, detected once at start: cgroup v2 when a writable v2 hierarchy offers memory, pids and
 * cpu, else v1 with memory and pids (required) plus cpu, cpuacct and freezer (used when present). Every run gets
 * {@code integr8s/<owner-pid>-<owner-start>-<seq>-<execution>} in each hierarchy; the owner part lets several
 * executors (or test JVMs) share a host: at start only the groups of dead owners are killed and removed.
 */
final class Cgroups {

    enum Version { V1, V2 }

    static final String PARENT = "integr8s";
    private static final Logger log = LoggerFactory.getLogger(Cgroups.class);
    private static final List<String> V1_REQUIRED = List.of("memory", "pids");
    private static final List<String> V1_OPTIONAL = List.of("cpu", "cpuacct", "freezer");
    private static final Set<String> V2_REQUIRED = Set.of("memory", "pids", "cpu");
    private static final Pattern OWNED = Pattern.compile("(\\d+)-(\\d+)-\\d+-.*");
    private static final Duration LEFTOVER_PATIENCE = Duration.ofSeconds(5);

    private final Version version;
    /** v1: controller → {@code <root>/<controller>/integr8s}; v2: "unified" → {@code <v2 root>/integr8s}. */
    private final Map<String, Path> parents;
    private final String owner;
    private final AtomicLong sequence = new AtomicLong();

    private Cgroups(Version version, Map<String, Path> parents) {
        this.version = version;
        this.parents = parents;
        ProcessHandle self = ProcessHandle.current();
        this.owner = self.pid() + "-" + self.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
    }

    /** Thrown when neither hierarchy can enforce memory and process limits here; the message says what to do. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    static Cgroups detect(Path root) throws Unavailable {
        List<String> why = new ArrayList<>();
        for (Path candidate : List.of(root, root.resolve("unified"))) {
            Path controllers = candidate.resolve("cgroup.controllers");
            if (!Files.isRegularFile(controllers)) {
                continue;
            }
            try {
                Set<String> offered = Set.of(read(controllers).split("\\s+"));
                if (!offered.containsAll(V2_REQUIRED)) {
                    why.add("cgroup v2 at " + candidate + " offers only [" + String.join(" ", offered).strip()
                            + "], needs memory pids cpu");
                    continue;
                }
                enable(candidate);
                Path parent = candidate.resolve(PARENT);
                Files.createDirectories(parent);
                enable(parent);
                return new Cgroups(Version.V2, Map.of("unified", parent));
            } catch (IOException | RuntimeException e) {
                why.add("cgroup v2 at " + candidate + " is not writable (" + e.getMessage() + ")");
            }
        }
        Map<String, Path> parents = new LinkedHashMap<>();
        for (String controller : concat(V1_REQUIRED, V1_OPTIONAL)) {
            Path hierarchy = root.resolve(controller);
            if (!Files.isRegularFile(hierarchy.resolve("cgroup.procs"))) {
                if (V1_REQUIRED.contains(controller)) {
                    why.add("no cgroup v1 " + controller + " hierarchy at " + hierarchy);
                }
                continue;
            }
            try {
                Path parent = hierarchy.resolve(PARENT);
                Files.createDirectories(parent);
                if (!Files.isWritable(parent.resolve("cgroup.procs"))) {
                    throw new IOException("cgroup.procs is not writable");
                }
                parents.put(controller, parent);
            } catch (IOException | RuntimeException e) {
                if (V1_REQUIRED.contains(controller)) {
                    why.add("cgroup v1 " + controller + " at " + hierarchy + " is not writable (" + e.getMessage() + ")");
                }
            }
        }
        if (parents.keySet().containsAll(V1_REQUIRED)) {
            V1_OPTIONAL.stream().filter(c -> !parents.containsKey(c)).forEach(c -> log.warn(
                    "cgroup v1 {} is not available under {}: {}", c, root, switch (c) {
                        case "cpu" -> "no CPU quota (RLIMIT_CPU still applies)";
                        case "cpuacct" -> "no CPU time accounting";
                        default -> "processes are killed without freezing them first";
                    }));
            return new Cgroups(Version.V1, Map.copyOf(parents));
        }
        throw new Unavailable("memory and process limits cannot be enforced: " + String.join("; ", why)
                + ". Run the executor as root on a host with cgroup v2 (memory, pids, cpu delegated) or cgroup v1 "
                + "(memory and pids mounted under " + root + "), or set integr8s.executor.local.cgroup-root to where "
                + "they are mounted; for development only, integr8s.executor.local.insecure-local=true runs without limits");
    }

    Version version() {
        return version;
    }

    String describe() {
        return "cgroup " + version.name().toLowerCase() + " " + parents.values();
    }

    /** Creates the run's groups with the limits applied; nothing runs in them yet. */
    RunCgroup create(String executionId, ResourceLimits limits) throws IOException {
        String name = owner + "-" + sequence.incrementAndGet() + "-" + executionId;
        Map<String, Path> dirs = new LinkedHashMap<>();
        try {
            Map<Path, Path> made = new LinkedHashMap<>();
            for (Map.Entry<String, Path> parent : parents.entrySet()) {
                // co-mounted controllers (cpu,cpuacct) reach one directory through two names: create it once
                Path dir = made.get(parent.getValue().toRealPath());
                if (dir == null) {
                    dir = parent.getValue().resolve(name);
                    Files.createDirectory(dir);
                    made.put(parent.getValue().toRealPath(), dir);
                }
                dirs.put(parent.getKey(), dir);
            }
            RunCgroup run = new RunCgroup(version, dirs);
            run.applyLimits(limits);
            return run;
        } catch (IOException | RuntimeException e) {
            new RunCgroup(version, dirs).killAndRemove(LEFTOVER_PATIENCE);
            throw e;
        }
    }

    /** Kills what runs in groups of executors that are gone (a crash) and removes them; returns how many. */
    int removeLeftovers() {
        Map<String, Map<String, Path>> leftovers = new LinkedHashMap<>();
        for (Map.Entry<String, Path> parent : parents.entrySet()) {
            try (Stream<Path> children = Files.list(parent.getValue())) {
                children.filter(dir -> Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
                        .filter(dir -> !ownerAlive(dir.getFileName().toString()))
                        .forEach(dir -> leftovers.computeIfAbsent(dir.getFileName().toString(),
                                n -> new LinkedHashMap<>()).put(parent.getKey(), dir));
            } catch (IOException e) {
                log.warn("Cannot list {} for leftover sandbox cgroups: {}", parent.getValue(), e.getMessage());
            }
        }
        leftovers.forEach((name, dirs) -> {
            log.warn("Removing the cgroup {} left by an executor that is gone, with whatever still runs in it", name);
            if (!new RunCgroup(version, dirs).killAndRemove(LEFTOVER_PATIENCE)) {
                log.error("The leftover cgroup {} could not be emptied and removed: {}", name, dirs.values());
            }
        });
        return leftovers.size();
    }

    private boolean ownerAlive(String name) {
        Matcher matcher = OWNED.matcher(name);
        if (!matcher.matches()) {
            return false;
        }
        if (name.startsWith(owner + "-")) {
            return true;
        }
        long started = Long.parseLong(matcher.group(2));
        return ProcessHandle.of(Long.parseLong(matcher.group(1)))
                .flatMap(process -> process.info().startInstant())
                .map(start -> Math.abs(start.getEpochSecond() - started) <= 1)
                .orElse(false);
    }

    private static void enable(Path v2Group) throws IOException {
        Path control = v2Group.resolve("cgroup.subtree_control");
        String enabled = read(control);
        for (String controller : V2_REQUIRED) {
            if (!Arrays.asList(enabled.split("\\s+")).contains(controller)) {
                Files.writeString(control, "+" + controller, StandardCharsets.US_ASCII);
            }
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
