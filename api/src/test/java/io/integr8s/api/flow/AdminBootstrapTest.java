package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A production start: no demo accounts (the shared test configuration asks for them) and no generated admin; the first
 * admin comes from the bootstrap settings (a Secret in a cluster).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "spring.profiles.active=production",
                "integr8s.security.jwt-secret=a-test-only-secret-that-is-long-enough-0123456789",
                "integr8s.notifications.webhook.signing-secret=a-test-only-webhook-signing-secret",
                "integr8s.security.bootstrap-admin.username=first-admin",
                "integr8s.security.bootstrap-admin.email=first-admin@example.org",
                "integr8s.security.bootstrap-admin.password=first-admin-password"})
class AdminBootstrapTest {

    static {
        TestHome.fresh("admin-bootstrap");
    }

    @LocalServerPort
    int port;

    @Test
    void productionHasNoDemoAccountsEvenWhenAskedAndItsFirstAdminComesFromTheBootstrapSettings(CapturedOutput output) {
        assertThat(ApiClient.loginStatus(port, "user", "user123")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(ApiClient.loginStatus(port, "admin", "admin123")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(output.getOut()).contains("integr8s is running at").doesNotContain("demo accounts (", "first admin:");

        ApiClient admin = ApiClient.as(port, "first-admin", "first-admin-password");
        assertThat(admin.http().get().uri("/admin/users/").retrieve().toBodilessEntity().block(Duration.ofSeconds(10))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
