package io.integr8s.api.flow;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An instance that cannot start says why and ends its process, taking its embedded stack with it. */
class StartFailureTest {

    @Test
    void anInstanceWhosePortIsTakenReportsItAndExitsWithAFailureStatus() throws Exception {
        Path home = TestHome.fresh("start-failure");
        Path log = home.resolve("instance.log");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process = InstanceProcess.launch(List.of("--integr8s.home=" + home,
                    "--server.address=127.0.0.1", "--server.port=" + taken.getLocalPort(),
                    "--integr8s.embedded.mongo-backend=memory"), log);
            try {
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process ended; see %s", log).isTrue();
                assertThat(process.exitValue()).isEqualTo(1);
            } finally {
                process.destroyForcibly();
            }
        }
        assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
                .contains("was already in use");
        assertThat(home.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL stopped with it").doesNotExist();
    }
}
