package io.integr8s.replay;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.integr8s.replay.processors.ProcessorsCommand;
import io.integr8s.replay.rebuild.RebuildCommand;
import io.integr8s.replay.rebuild.ResetCommand;
import io.integr8s.replay.target.TargetResolver;

/** Entry point: picks the command named by the first argument and maps the outcome to an exit code. */
public final class ReplayTool {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE_ERROR = 2;

    private final List<Command> commands;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code terminal}: progress redraws one line with {@code \r} instead of printing a line now and then. */
    public ReplayTool(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err, boolean terminal) {
        TargetResolver targets = new TargetResolver(environment);
        this.commands = List.of(new ProcessorsCommand(targets, clock), new RebuildCommand(targets, clock, terminal),
                new ResetCommand(targets, clock, terminal));
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ReplayTool(System.getenv(), Clock.systemUTC(), System.out, System.err, System.console() != null)
                .run(args));
    }

    public int run(String... args) {
        try {
            Arguments arguments = Arguments.parse(args);
            if (arguments.command().equals("help")) {
                out.print(Usage.text(commands));
                return OK;
            }
            Command command = find(arguments.command()).orElseThrow(() ->
                    new UsageException("unknown command '" + arguments.command() + "'"));
            arguments.requireOnly(command.options());
            command.run(arguments, out);
            return OK;
        } catch (UsageException e) {
            err.println("replay-tool: " + e.getMessage());
            err.println();
            err.print(Usage.text(commands));
            return USAGE_ERROR;
        } catch (ToolFailure e) {
            err.println("replay-tool: " + e.getMessage());
            return FAILURE;
        }
    }

    private Optional<Command> find(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }
}
