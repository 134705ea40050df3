package io.integr8s.api.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Liveness (the process answers; touches nothing outside) and readiness: the actuator's {@code readiness} group,
 * every component this instance's roles depend on ({@link RoleScopedReadiness}). Kubernetes probes may use
 * either these or {@code /actuator/health/liveness} and {@code /actuator/health/readiness}. Both are anonymous, so
 * readiness names each component with its status only: the details are for admins ({@code /actuator/health}).
 */
@RestController
public class HealthController {

    private final HealthEndpoint health;

    public HealthController(HealthEndpoint health) {
        this.health = health;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Liveness(String status, long uptimeSeconds, Instant timestamp) {
    }

    @GetMapping("/api/v1/health/live")
    public Liveness live() {
        return new Liveness("ok", ManagementFactory.getRuntimeMXBean().getUptime() / 1000, Instant.now());
    }

    @GetMapping("/api/v1/health/ready")
    public Mono<ResponseEntity<Map<String, Object>>> ready() {
        return Mono.fromCallable(() -> health.healthForPath(RoleScopedReadiness.READINESS))
                .subscribeOn(Schedulers.boundedElastic())
                .map(component -> ResponseEntity
                        .status(Status.UP.equals(component.getStatus()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                        .body(statusesOnly(component)));
    }

    private static Map<String, Object> statusesOnly(HealthComponent component) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", component.getStatus().getCode());
        if (component instanceof CompositeHealth composite && composite.getComponents() != null) {
            Map<String, Object> parts = new TreeMap<>();
            composite.getComponents().forEach((name, part) -> parts.put(name, statusesOnly(part)));
            view.put("components", parts);
        }
        return view;
    }
}
