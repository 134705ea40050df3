package io.integr8s.executor.kubernetes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * {@code integr8s.executor.kubernetes}: where and how execution pods run.
 *
 * @param namespace         the namespace of the execution pods (never {@code default})
 * @param runtimes          the images and argv per language version; setting the list replaces the defaults
 * @param runtimeClassName  a RuntimeClass for a stronger sandbox (gVisor {@code runsc}, Kata); empty = the node's default
 * @param hostUsers         {@code false} = a user namespace per pod (Kubernetes 1.30+ with support on the nodes); empty = not set
 * @param runAsUser         uid and gid of the script (never 0)
 * @param memory            memory of a run whose execution carries no limit (one requested before limits were recorded)
 * @param cpu               CPU of such a run, as a Kubernetes quantity
 * @param tmp               size of the run's in-memory {@code /tmp}
 * @param outputLimit       kept of a run's log; more fails the run like the local sandbox's output limit
 * @param startTimeout      how long a pod may stay {@code Pending} (unscheduled, pulling its image, failing to pull) before
 *                          its execution ends {@code system_error}
 * @param imagePullTimeout  the shorter bound once the kubelet reports it cannot pull the image ({@code ErrImagePull},
 *                          {@code ImagePullBackOff}, {@code InvalidImageName}): short enough that the run ends
 *                          {@code system_error} before the saga's deadline would call it a timeout
 * @param sweepInterval     how often leftover pods and ConfigMaps are looked for
 * @param maxTimeout        the longest time limit an execution can have; older leftovers (plus {@code sweepGrace}) are deleted
 * @param sweepGrace        added to {@code maxTimeout} before a leftover is swept
 */
@ConfigurationProperties(prefix = "integr8s.executor.kubernetes")
public record KubernetesExecutorProperties(String namespace, List<KubernetesRuntime> runtimes, String runtimeClassName,
                                           Boolean hostUsers, Long runAsUser, DataSize memory, String cpu, DataSize tmp,
                                           DataSize outputLimit, Duration startTimeout, Duration imagePullTimeout,
                                           Duration sweepInterval,
                                           Duration maxTimeout, Duration sweepGrace) {

    static final List<KubernetesRuntime> DEFAULT_RUNTIMES = List.of(
            new KubernetesRuntime("python", "3.11", "python:3.11-slim", "py",
                    List.of("/usr/local/bin/python3", "-I", "-B", "-u", KubernetesRuntime.SCRIPT), List.of()),
            new KubernetesRuntime("node", "20", "node:20-slim", "js",
                    List.of("/usr/local/bin/node", KubernetesRuntime.SCRIPT), List.of()),
            new KubernetesRuntime("ruby", "3.1", "ruby:3.1-slim", "rb",
                    List.of("/usr/local/bin/ruby", KubernetesRuntime.SCRIPT), List.of()),
            new KubernetesRuntime("bash", "5.2", "bash:5.2", "sh",
                    List.of("/usr/local/bin/bash", KubernetesRuntime.SCRIPT), List.of()),
            new KubernetesRuntime("go", "1.19", "golang:1.19-bookworm", "go",
                    List.of("/bin/sh", "-c", "GOMAXPROCS=1 go build -p 1 -o /tmp/.integr8s-go/main \"$0\" "
                            + "&& exec /tmp/.integr8s-go/main", KubernetesRuntime.SCRIPT),
                    List.of("GOCACHE=/tmp/.integr8s-go/cache", "GOPATH=/tmp/.integr8s-go/path", "GO111MODULE=off",
                            "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOTELEMETRY=off")));

    public KubernetesExecutorProperties {
        namespace = namespace == null || namespace.isBlank() ? "integr8s" : namespace;
        runtimes = runtimes == null ? DEFAULT_RUNTIMES : List.copyOf(runtimes);
        runtimeClassName = runtimeClassName == null || runtimeClassName.isBlank() ? null : runtimeClassName;
        runAsUser = runAsUser == null ? 65532L : runAsUser;
        memory = memory == null ? DataSize.ofMegabytes(128) : memory;
        cpu = cpu == null ? "1" : cpu;
        tmp = tmp == null ? DataSize.ofMegabytes(64) : tmp;
        outputLimit = outputLimit == null ? DataSize.ofMegabytes(1) : outputLimit;
        startTimeout = startTimeout == null ? Duration.ofSeconds(60) : startTimeout;
        imagePullTimeout = imagePullTimeout == null ? Duration.ofSeconds(5) : imagePullTimeout;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
        maxTimeout = maxTimeout == null ? Duration.ofHours(1) : maxTimeout;
        sweepGrace = sweepGrace == null ? Duration.ofMinutes(5) : sweepGrace;
        if (runAsUser <= 0) {
            throw new IllegalArgumentException("integr8s.executor.kubernetes.run-as-user must be a non-root uid (> 0), "
                    + "got " + runAsUser);
        }
    }

    int outputLimitBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 16, outputLimit.toBytes());
    }
}
