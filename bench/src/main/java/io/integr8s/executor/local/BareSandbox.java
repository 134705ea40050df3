package io.integr8s.executor.local;

import io.integr8s.executor.RunLimits;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.runtime.InstalledRuntimes;
import io.integr8s.executor.runtime.RuntimeProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox baseline of bench/run: {@code print(1)} in the platform's own local sandbox (bubblewrap, seccomp,
 * cgroup, uid switch) with nothing around it — no HTTP, Axon, database or SSE. Lives in the sandbox's package to
 * build it from its (package-private) factory with the default configuration. Prints two lines for bench/run:
 * {@code sandbox_p50_ms <ms>} (sequential runs) and {@code sandbox_runs_per_second <n>} (with {@code parallel}
 * workers for {@code seconds}).
 */
public final class BareSandbox {

    private static final String SCRIPT = "print(1)";

    private BareSandbox() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int parallel = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        StandardEnvironment environment = new StandardEnvironment();
        // a uid range of its own: the platform (61000…) may run beside it
        environment.getPropertySources().addFirst(new MapPropertySource("bench", Map.of(
                "integr8s.executor.local.uid-base", "65000", "integr8s.executor.local.max-parallel", Integer.toString(parallel),
                "integr8s.executor.local.staging-dir", "target/bench-staging")));
        LocalExecutorProperties properties = Binder.get(environment)
                .bindOrCreate("integr8s.executor.local", Bindable.of(LocalExecutorProperties.class));
        LocalSandboxFactory sandboxes = LocalSandboxFactory.forThisMachine(properties,
                new InstalledRuntimes(new RuntimeProperties(null)), new SandboxActivity());

        run(sandboxes);
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run(sandboxes);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("sandbox_p50_ms %.3f%n", nanos[runs / 2] / 1e6);

        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < parallel; w++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    run(sandboxes);
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        System.out.printf("sandbox_runs_per_second %.3f%n", done.get() / ((System.nanoTime() - start) / 1e9));
    }

    private static void run(LocalSandboxFactory sandboxes) {
        SandboxSpec spec = new SandboxSpec("bench-" + UUID.randomUUID(), SCRIPT, "python", "3.11", Duration.ofSeconds(10),
                RunLimits.CONFIGURED);
        SandboxResult outcome = sandboxes.create(spec).run(() -> true)
                .orElseThrow(() -> new IllegalStateException("the sandbox run was stopped"));
        if (!"1\n".equals(outcome.result().stdout())) {
            throw new IllegalStateException("print(1) in the bare sandbox gave " + outcome);
        }
    }
}
