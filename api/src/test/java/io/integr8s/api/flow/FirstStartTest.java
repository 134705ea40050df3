package io.integr8s.api.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default as a fresh clone starts it (no demo accounts): no well-known password, one admin with a
 * generated one kept privately in the home and shown in the start banner, the API on loopback only.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"integr8s.embedded.mongo-backend=memory", "integr8s.demo-users=false"})
class FirstStartTest {

    private static final Path HOME = TestHome.fresh("first-start");

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void noWellKnownPasswordButOneAdminWhosePasswordIsInAPrivateFileAndTheBanner(CapturedOutput output) throws IOException {
        assertThat(ApiClient.loginStatus(port, "user", "user123")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(ApiClient.loginStatus(port, "admin", "admin123")).isEqualTo(HttpStatus.UNAUTHORIZED);

        Path file = HOME.resolve("initial-admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        JsonNode me = ApiClient.as(port, "admin", password).http().get().uri("/auth/me").retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        assertThat(me.get("role").asText()).isEqualTo("admin");

        assertThat(output.getOut()).contains("integr8s is running at http://127.0.0.1:" + port + "/")
                .contains("first admin: admin / " + password);
    }

    /** Last: it gives the admin the demo admin's password, as a home from an older version may have it. */
    @Test
    @Order(3)
    void theDemoAdminsPublicPasswordIsRefusedWhileDemoAccountsAreOff() throws IOException {
        String password = Files.readString(HOME.resolve("initial-admin-password")).strip();
        ApiClient admin = ApiClient.as(port, "admin", password);
        String adminId = admin.http().get().uri("/auth/me").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10)).get("user_id").asText();
        admin.http().put().uri("/admin/users/{id}", adminId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "admin123")).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));

        assertThat(ApiClient.loginStatus(port, "admin", "admin123")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    @Order(2)
    void theApiListensOnLoopbackOnly() {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
