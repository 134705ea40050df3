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
              help         show this text

            where the event store is (default: the running integr8s under $INTEGR8S_HOME, else ./.integr8s):
              --home <dir>          home of a running integr8s; its <dir>/runtime.properties says where its PostgreSQL is
              --jdbc-url <url>      any PostgreSQL holding Axon's tables, e.g. jdbc:postgresql://db:5432/integr8s
              --user <name>         user for --jdbc-url
              --password <secret>   password for --jdbc-url

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
            """)
    void wrongCommandLinesAreUsageErrorsThatSayWhatIsWrong(String commandLine, String message) {
        ToolRun run = ToolRun.run(commandLine.split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("replay-tool: " + message + "\n\n" + USAGE);
    }
}
