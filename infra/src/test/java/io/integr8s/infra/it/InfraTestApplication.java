package io.integr8s.infra.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Just infra's auto-configuration and embedded stack, as an app that depends on infra gets them. */
@SpringBootApplication
public class InfraTestApplication {
}
