package io.integr8s.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The embedded services of a running instance, probed as another local user (uid 65534 through {@code setpriv}):
 * its home, its PostgreSQL and its Redis give that user nothing, and the app's own database role cannot run programs
 * as the server. Kafka, which has no command-line client here, is probed in process without its credentials. Needs root (to switch uid), {@code psql} and {@code redis-cli}; all traffic stays on 127.0.0.1.
 */
class EmbeddedServicesTrustTest {

    private static final Path HOME = Path.of("target", "trust-home").toAbsolutePath();
    private static final String OTHER_UID = "65534";
    private static final Path PROGRAM_MARKER = HOME.resolveSibling("copy-to-program-ran");

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startApp() throws IOException {
        assumeTrue(new UnixSystem().getUid() == 0, "probing as another uid needs root (setpriv --reuid); not root here");
        // as root bin/setup-os installs both, so a missing probe is a failure, never a silent skip
        assertThat(Files.isExecutable(Path.of("/usr/bin/psql")) && Files.isExecutable(Path.of("/usr/bin/redis-cli")))
                .as("/usr/bin/psql (postgresql-client) and /usr/bin/redis-cli (redis-tools): run bin/setup-os").isTrue();
        deleteRecursively(HOME);
        Files.deleteIfExists(PROGRAM_MARKER);
        context = new SpringApplicationBuilder(InfraTestApplication.class)
                .properties("integr8s.home=" + HOME, "spring.main.banner-mode=off")
                .run();
    }

    @AfterAll
    static void closeApp() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void anotherUserCanReadNothingInTheHome() throws IOException {
        List<String> paths;
        try (Stream<Path> all = Files.walk(HOME)) {
            paths = all.map(Path::toString).toList();
        }
        assertThat(paths).contains(HOME.resolve("runtime.properties").toString(),
                HOME.resolve("secrets").resolve("redis").toString(), HOME.resolve("postgres").resolve("pg_hba.conf").toString());
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "for f in \"$@\"; do if [ -d \"$f\" ]; then ls \"$f\"; else cat \"$f\"; fi >/dev/null 2>&1 && echo \"$f\"; done",
                "sh"));
        command.addAll(paths);
        assertThat(asOtherUser(Map.of(), command).output()).as("paths uid 65534 could read").isEmpty();
        assertThat(permissions(HOME)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void postgresWantsAPasswordAndHasNoSocketInTmp() throws IOException {
        int port = Integer.parseInt(env().getRequiredProperty("spring.datasource.url").replaceAll(".*:(\\d+)/.*", "$1"));
        for (String role : List.of("postgres", "integr8s")) {
            Result withoutPassword = asOtherUser(Map.of(), psql(port, role, "SELECT 1"));
            assertThat(withoutPassword.exit()).as(role + ": " + withoutPassword.output()).isNotZero();
            assertThat(withoutPassword.output()).contains("no password supplied");
        }
        Result withPassword = asOtherUser(Map.of("PGPASSWORD", env().getRequiredProperty("spring.datasource.password")),
                psql(port, env().getRequiredProperty("spring.datasource.username"), "SELECT 'reachable'"));
        assertThat(withPassword.output()).as("the probe itself works").contains("reachable");

        assertThat(Files.readString(Path.of("/proc/net/unix"))).doesNotContain(".s.PGSQL." + port);
    }

    @Test
    void postgresRunsBinariesNoOtherUserCanReplace() throws IOException {
        String dataDirectory = HOME.resolve("postgres").toString();
        Path binary = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(dataDirectory))
                .map(p -> p.info().command().orElse(""))
                .filter(command -> command.endsWith("/bin/postgres"))
                .map(Path::of).findFirst().orElseThrow(() -> new AssertionError("no postgres running on " + dataDirectory));
        // the attack: put a binary of one's own in, or move any directory on the way aside to put one's own there
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "touch \"$1/probe\" 2>/dev/null && echo \"created $1/probe\"; shift; "
                        + "for p; do mv \"$p\" \"$p.moved\" 2>/dev/null && echo \"moved $p\"; done", "sh",
                binary.getParent().toString()));
        for (Path path = binary; path.getParent() != null; path = path.getParent()) {
            command.add(path.toString());
        }
        assertThat(asOtherUser(Map.of(), command).output()).as("what uid 65534 changed on the way to " + binary).isEmpty();
    }

    @Test
    void theAppsDatabaseRoleCannotRunPrograms() throws SQLException {
        try (Connection connection = DriverManager.getConnection(env().getRequiredProperty("spring.datasource.url"),
                env().getRequiredProperty("spring.datasource.username"), env().getRequiredProperty("spring.datasource.password"));
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("COPY (SELECT 1) TO PROGRAM 'id > " + PROGRAM_MARKER + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("pg_execute_server_program");
            assertThatThrownBy(() -> statement.execute("SELECT pg_read_file('/etc/passwd')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        assertThat(PROGRAM_MARKER).doesNotExist();
    }

    @Test
    void redisWantsAPasswordAndRefusesConfigEvenWithIt() throws IOException {
        List<String> ping = redisCli("PING");
        assertThat(asOtherUser(Map.of(), ping).output()).contains("NOAUTH");
        Map<String, String> password = Map.of("REDISCLI_AUTH", env().getRequiredProperty("spring.data.redis.password"));
        assertThat(asOtherUser(password, ping).output()).as("the probe itself works").contains("PONG");
        for (String command : List.of("CONFIG GET dir", "MODULE LIST", "DEBUG SLEEP 0", "REPLICAOF 127.0.0.1 1", "SHUTDOWN NOSAVE")) {
            assertThat(asOtherUser(password, redisCli(command.split(" "))).output()).as(command).contains("unknown command");
        }
    }

    /** In process: whoever runs the client, the broker sees only a TCP connection without credentials. */
    @Test
    void kafkaWantsCredentials() throws Exception {
        Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                env().getRequiredProperty("axon.kafka.bootstrap-servers"),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        Map<String, Object> withCredentials = new HashMap<>(anonymous);
        for (String property : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config")) {
            withCredentials.put(property, env().getRequiredProperty("spring.kafka.properties." + property));
        }
        try (Admin admin = Admin.create(withCredentials)) {
            assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).as("the probe itself works")
                    .contains("integr8s.events");
        }
    }

    private static List<String> psql(int port, String role, String sql) {
        return List.of("/usr/bin/psql", "-X", "-w", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", role,
                "-d", "integr8s", "-tAc", sql);
    }

    private static List<String> redisCli(String... command) {
        List<String> line = new ArrayList<>(List.of("/usr/bin/redis-cli", "-h", "127.0.0.1", "-p",
                env().getRequiredProperty("spring.data.redis.port")));
        line.addAll(List.of(command));
        return line;
    }

    private record Result(int exit, String output) {
    }

    private static Result asOtherUser(Map<String, String> environment, List<String> command) throws IOException {
        List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + OTHER_UID, "--regid=" + OTHER_UID,
                "--clear-groups", "--"));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).directory(Path.of("/").toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", "/nonexistent");
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + line);
            }
            return new Result(process.exitValue(), output.trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Environment env() {
        return context.getEnvironment();
    }

    private static Set<PosixFilePermission> permissions(Path path) throws IOException {
        return Files.getPosixFilePermissions(path);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
