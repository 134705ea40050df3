package io.integr8s.replay;

import java.util.List;

/** The usage text, with one line per command. */
final class Usage {

    private Usage() {
    }

    static String text(List<Command> commands) {
        StringBuilder text = new StringBuilder("""
                usage: java -jar replay-tool.jar <command> [options]

                commands:
                """);
        for (Command command : commands) {
            text.append(String.format("  %-12s %s\n", command.name(), command.summary()));
        }
        text.append(String.format("  %-12s %s\n", "help", "show this text"));
        text.append("""

                where the event store is (default: the running integr8s under $INTEGR8S_HOME, else ./.integr8s):
                  --home <dir>          home of a running integr8s; its <dir>/runtime.properties says where its PostgreSQL is
                  --jdbc-url <url>      any PostgreSQL holding Axon's tables, e.g. jdbc:postgresql://db:5432/integr8s
                  --user <name>         user for --jdbc-url
                  --password <secret>   password for --jdbc-url

                rebuild and reset ask the running integr8s to do the work, and show its progress until it is done:
                  --dry-run             print what would happen and how many events it would process; change nothing
                  --wait <seconds>      how long an instance may take to pick the request up (default 30)
                  --from <time>         reset only: replay from this instant, e.g. 2026-01-31T12:00:00Z

                exit codes: 0 ok, 1 failure, 2 usage error
                """);
        return text.toString();
    }
}
