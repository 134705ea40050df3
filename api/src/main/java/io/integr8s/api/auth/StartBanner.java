package io.integr8s.api.auth;

import io.integr8s.infra.embedded.Integr8sHome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.nio.file.Files;

/**
 * What a person starting the system needs, once it is ready: the URL, the home, and on the start that created the
 * first admin its password. Printed on the console, not logged: a password must not reach log files or collectors.
 */
@Component
class StartBanner {

    private final ObjectProvider<InitialAdmin> initialAdmin;
    private final boolean demoUsers;
    private final PrintStream console;

    StartBanner(ObjectProvider<InitialAdmin> initialAdmin, ObjectProvider<DemoUsers> demoUsers, ProductionProfile production) {
        this.initialAdmin = initialAdmin;
        this.demoUsers = demoUsers.getIfAvailable() != null && !production.isActive();
        this.console = System.out;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String address = environment.getProperty("server.address", "0.0.0.0");
        boolean everyInterface = address.equals("0.0.0.0") || address.equals("::");
        StringBuilder banner = new StringBuilder("\nintegr8s is running at http://")
                .append(everyInterface ? "localhost" : address.contains(":") ? "[" + address + "]" : address)
                .append(':').append(web.getWebServer().getPort()).append('/')
                .append(everyInterface ? " (listening on every interface)" : "")
                .append("\n  home: ").append(Integr8sHome.resolve(Binder.get(environment))).append('\n');
        if (demoUsers) {
            banner.append("  demo accounts (INTEGR8S_DEMO_USERS=true): user / user123, admin / admin123\n");
        }
        InitialAdmin admin = initialAdmin.getIfAvailable();
        if (admin != null) {
            admin.createdWithPassword().ifPresentOrElse(
                    password -> banner.append("  first admin: ").append(InitialAdmin.USERNAME).append(" / ").append(password)
                            .append("   (shown once; also in ").append(admin.passwordFile())
                            .append(": sign in, change it, then delete that file)\n"),
                    () -> {
                        if (Files.exists(admin.passwordFile())) {
                            banner.append("  first admin's password: in ").append(admin.passwordFile())
                                    .append(" (delete it once you changed the password)\n");
                        }
                    });
        }
        console.println(banner);
    }
}
