package io.integr8s.replay;

import java.io.PrintStream;
import java.util.Set;

/** One sub-command of the CLI ({@code processors}, later {@code reset}, {@code rebuild}, ...). */
public interface Command {

    String name();

    /** One line for the usage text. */
    String summary();

    /** The option names (without {@code --}) this command accepts; any other is a usage error. */
    Set<String> options();

    void run(Arguments arguments, PrintStream out) throws UsageException, ToolFailure;
}
