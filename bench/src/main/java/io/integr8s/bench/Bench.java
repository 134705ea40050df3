package io.integr8s.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The load driver of {@code bench/run}: against one running instance on loopback, it measures end-to-end latency,
 * throughput, result reads under load, SSE fan-out and memory, each beside a baseline measured in the same run, and
 * prints one table. Every loop is bounded in count and time. Progress goes to stderr, the table to stdout.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Report report = new Report();
        BenchClient admin = BenchClient.login(settings.url(), "admin", "admin123");
        BenchClient user = BenchClient.login(settings.url(), "user", "user123");
        String userId = user.get("/api/v1/auth/me").get("user_id").asText();
        admin.put("/api/v1/admin/rate-limits/" + userId, Map.of("bypass_rate_limit", true,
                "notes", "bench/run: the load driver measures the platform, not the rate limiter"));
        int limit = admin.get("/api/v1/admin/settings/").get("max_concurrent_executions").asInt();
        long idleRss = ProcessMemory.residentMiB(settings.pid());

        progress("warm-up: rounds of load until the throughput stops rising");
        WarmUp.Outcome warmUp = WarmUp.untilSteady(2 * limit, settings.quick() ? 5 : 20, settings.quick() ? 10 : 300,
                () -> Timed.run(user));
        report.add("warm-up (" + 2 * limit + " submitters)", warmUp.toString());

        progress("baseline: bare python3 -I -B -u -c 'print(1)', %d runs", settings.scale(60));
        Percentiles bare = BarePython.measure(settings.scale(60));
        report.add("bare python3 -I -B -u -c 'print(1)'", bare.toString());
        report.add("print(1) in the bare local sandbox", "p50 " + fmt(settings.sandboxP50Ms()) + " ms",
                "bare python3 p50 " + fmt(bare.p50()) + " ms", settings.sandboxP50Ms() / bare.p50());

        for (int concurrency : List.of(1, limit)) {
            progress("latency of print(1) at concurrency %d: %d runs", concurrency, settings.scale(120));
            List<Timed> runs = Concurrently.run(concurrency, settings.scale(120), deadline(300), () -> Timed.run(user));
            Percentiles terminal = Percentiles.of(runs.stream().map(Timed::toResultNanos).toList());
            Percentiles firstByte = Percentiles.of(runs.stream().map(Timed::toFirstByteNanos).toList());
            report.add("submit → result_stored, concurrency " + concurrency, terminal.toString(),
                    "sandbox p50 " + fmt(settings.sandboxP50Ms()) + " ms", terminal.p50() / settings.sandboxP50Ms());
            report.add("submit → first SSE byte, concurrency " + concurrency, firstByte.toString());
        }

        int seconds = settings.quick() ? 10 : 60;
        progress("throughput: %d s with %d submitters", seconds, 2 * limit);
        long start = System.nanoTime();
        long[] underLoadRss = new long[1];
        Thread sampler = new Thread(() -> {
            sleep(TimeUnit.SECONDS.toMillis(seconds) / 2);
            underLoadRss[0] = ProcessMemory.residentMiB(settings.pid());
        });
        sampler.start();
        List<Timed> sustained = Concurrently.run(2 * limit, Integer.MAX_VALUE, System.nanoTime()
                + TimeUnit.SECONDS.toNanos(seconds), () -> Timed.run(user));
        double throughput = sustained.size() / ((System.nanoTime() - start) / 1e9);
        sampler.join();
        report.add("throughput of print(1), " + seconds + " s", fmt(throughput) + " executions/s",
                fmt(settings.sandboxRunsPerSecond()) + " runs/s bare sandbox", throughput / settings.sandboxRunsPerSecond());

        int rate = 200;
        progress("GET /executions/{id}/result at %d requests/s for %d s", rate, settings.quick() ? 5 : 20);
        ResultUnderLoad.Outcome reads = ResultUnderLoad.measure(user, sustained.isEmpty() ? user.submit("print(1)")
                : latestExecution(user), rate, settings.quick() ? 5 : 20);
        report.add("GET result at " + rate + "/s offered", fmt(reads.requestsPerSecond()) + " req/s, "
                + reads.latency() + ", errors " + reads.errors());

        for (int executions : List.of(1, 50)) {
            int clients = settings.quick() ? 100 : 1000;
            progress("SSE fan-out: %d clients on %d execution stream(s)", clients, executions);
            SseFanout.Outcome fanout = SseFanout.measure(user, clients, executions);
            report.add("SSE " + clients + " clients on " + executions + " stream(s)", fanout.delivered() + "/"
                    + fanout.clients() + " got result_stored; delivery " + fanout.delivery());
        }
        report.add("heap used after fan-out", HeapUsage.usedMiB(settings.url()) + " MiB");
        report.add("resident memory idle / under load", idleRss + " MiB / " + underLoadRss[0] + " MiB");

        System.out.println();
        report.print(System.out);
    }

    private static String latestExecution(BenchClient user) {
        JsonNode page = user.get("/api/v1/user/executions?limit=1");
        return StreamSupport.stream(page.get("executions").spliterator(), false).findFirst()
                .map(execution -> execution.get("execution_id").asText())
                .orElseThrow(() -> new IllegalStateException("the bench user has no execution to read"));
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }

    static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code --url http://127.0.0.1:<port> --pid <platform pid> --sandbox-p50-ms <ms> --sandbox-runs-per-second <n>
     * [--quick]}: the sandbox figures come from {@code BareSandbox} in the same run; quick = a tenth of the runs.
     */
    record Settings(URI url, long pid, double sandboxP50Ms, double sandboxRunsPerSecond, boolean quick) {

        private static final String USAGE = "usage: --url http://127.0.0.1:<port> --pid <pid> --sandbox-p50-ms <ms> "
                + "--sandbox-runs-per-second <n> [--quick] (loopback only; bench/run passes them)";

        static Settings parse(String[] args) {
            URI url = null;
            long pid = -1;
            double sandboxP50 = -1;
            double sandboxRate = -1;
            boolean quick = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--url" -> url = URI.create(args[++i]);
                    case "--pid" -> pid = Long.parseLong(args[++i]);
                    case "--sandbox-p50-ms" -> sandboxP50 = Double.parseDouble(args[++i]);
                    case "--sandbox-runs-per-second" -> sandboxRate = Double.parseDouble(args[++i]);
                    case "--quick" -> quick = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; " + USAGE);
                }
            }
            if (url == null || pid < 0 || sandboxP50 <= 0 || sandboxRate <= 0 || !"127.0.0.1".equals(url.getHost())) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Settings(url, pid, sandboxP50, sandboxRate, quick);
        }

        int scale(int runs) {
            return quick ? Math.max(5, runs / 10) : runs;
        }
    }
}
