package io.integr8s.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage text and the exit codes of a wrong command line. */
class UsageTest {

    private static final String USAGE = """
            usage: java -jar replay-tool.jar <command> [options]

            commands:
              processors   list event processors: segment, owner, token position, lag in events and time, last update
              rebuild      <projection> [--dry-run] [--wait <s>]: rebuild a read model blue/green while the old one serves
              reset        <processor> [--from <time>] [--dry-run] [--wait <s>]: reset a processor's tokens; it replays
              help         show this text

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
            """;

    @ParameterizedTest
    @CsvSource({"help", "--help", "-h"})
    void helpPrintsTheUsageAndSucceeds(String help) {
        ToolRun run = ToolRun.run(help);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(USAGE);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noArgumentsIsAUsageError() {
        ToolRun run = ToolRun.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("replay-tool: no command given\n\n" + USAGE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            frobnicate                                  | unknown command 'frobnicate'
            --home x processors                         | the command comes first, before --home
            processors --verbose yes                    | unknown option --verbose for processors
            processors --home                           | option --home needs a value
            processors --home a --home b                | option --home given twice
            processors now                              | processors takes no arguments, got: now
            processors --home a --jdbc-url jdbc:x       | give either --home or --jdbc-url, not both
            processors --user bob                       | --user and --password go with --jdbc-url; with --home they come from runtime.properties
            processors --dry-run                        | unknown option --dry-run for processors
            rebuild                                     | rebuild needs exactly one projection (e.g. executions)
            rebuild executions notifications            | rebuild needs exactly one projection (e.g. executions), got: executions notifications
            rebuild executions --from 2026-01-01T00:00:00Z | unknown option --from for rebuild
            rebuild executions --dry-run=yes            | option --dry-run takes no value
            rebuild executions --wait 0                 | --wait takes a whole number of seconds above 0, got '0'
            rebuild executions --wait soon              | --wait takes a whole number of seconds above 0, got 'soon'
            reset                                       | reset needs exactly one processor (as `processors` lists it)
            reset coordinator --from yesterday          | --from takes an ISO-8601 instant such as 2026-01-31T12:00:00Z, got 'yesterday'
            """)
    void wrongCommandLinesAreUsageErrorsThatSayWhatIsWrong(String commandLine, String message) {
        ToolRun run = ToolRun.run(commandLine.split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("replay-tool: " + message + "\n\n" + USAGE);
    }
}
