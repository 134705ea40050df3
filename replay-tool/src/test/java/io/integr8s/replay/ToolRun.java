package io.integr8s.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Runs the CLI in-process with a given environment and clock, capturing what it prints and its exit code. */
record ToolRun(int exitCode, String out, String err) {

    static ToolRun run(Map<String, String> environment, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new ReplayTool(environment, clock, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
        return new ToolRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static ToolRun run(String... args) {
        return run(Map.of(), Clock.systemUTC(), args);
    }
}
