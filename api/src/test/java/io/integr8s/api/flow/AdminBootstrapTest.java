package io.integr8s.api.flow;

import io.integr8s.api.Integr8sApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.BodyInserters;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A production start: no seed users, the first admin comes from the bootstrap settings (a Secret in a cluster). */
@SpringBootTest(classes = Integr8sApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "integr8s.embedded.mongo-backend=memory",
                "spring.profiles.active=production",
                "integr8s.security.jwt-secret=a-test-only-secret-that-is-long-enough-0123456789",
                "integr8s.security.bootstrap-admin.username=first-admin",
                "integr8s.security.bootstrap-admin.email=first-admin@example.org",
                "integr8s.security.bootstrap-admin.password=first-admin-password"})
class AdminBootstrapTest {

    static {
        TestHome.fresh("admin-bootstrap");
    }

    @LocalServerPort
    int port;

    private HttpStatusCode login(String username, String password) {
        return ApiClient.anonymous(port).http().post().uri("/auth/login")
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .block(Duration.ofSeconds(10));
    }

    @Test
    void productionHasNoSeedUsersAndItsFirstAdminComesFromTheBootstrapSettings() {
        assertThat(login("user", "user123")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(login("admin", "admin123")).isEqualTo(HttpStatus.UNAUTHORIZED);

        ApiClient admin = ApiClient.as(port, "first-admin", "first-admin-password");
        assertThat(admin.http().get().uri("/admin/users/").retrieve().toBodilessEntity().block(Duration.ofSeconds(10))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
