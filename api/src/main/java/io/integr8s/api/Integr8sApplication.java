package io.integr8s.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one deployable: every role of integr8s, switched on by configuration. */
@SpringBootApplication(scanBasePackages = "io.integr8s")
@ConfigurationPropertiesScan("io.integr8s")
public class Integr8sApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(Integr8sApplication.class, args);
        } catch (RuntimeException failedToStart) {
            // Spring has reported why; end the process, or the embedded stack's broker threads keep it alive unused
            System.exit(1);
        }
    }
}
