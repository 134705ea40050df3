package io.integr8s.executor.kubernetes;

/**
 * The fixed shell text every execution pod starts with: it runs its arguments (the runtime's argv; the script is a
 * file, never part of a command string), then writes the exit code and the container's cgroup v2 usage as JSON to
 * the termination log, where the pod monitor reads it. Values it cannot read are {@code null}.
 */
final class Entrypoint {

    static final String FILE = "entrypoint.sh";

    static final String TEXT = """
            # integr8s execution entrypoint: runs "$@", then reports its exit code and resource usage.
            "$@" </dev/null
            code=$?
            cpu=$(sed -n 's/^usage_usec \\([0-9][0-9]*\\)$/\\1/p' /sys/fs/cgroup/cpu.stat 2>/dev/null)
            mem=$(cat /sys/fs/cgroup/memory.peak 2>/dev/null)
            case "$mem" in ''|*[!0-9]*) mem=null;; esac
            printf '{"exit_code":%d,"cpu_usage_usec":%s,"memory_peak_bytes":%s}' "$code" "${cpu:-null}" "$mem" \\
                > /dev/termination-log
            exit "$code"
            """;

    private Entrypoint() {
    }
}
