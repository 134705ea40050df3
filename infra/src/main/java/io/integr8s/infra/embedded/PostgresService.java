package io.integr8s.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * PostgreSQL from zonky's packaged binaries, data kept in {@code <home>/postgres}, on 127.0.0.1 only, no unix socket,
 * password (SCRAM) authentication. The superuser {@code postgres} (password in {@code <home>/secrets}) only sets up
 * the non-superuser role {@code integr8s} that owns the database and that the app uses, so nobody who connects with
 * the app's credentials can run programs or touch files as the server's user ({@code COPY … TO PROGRAM}, {@code
 * lo_export}, {@code pg_read_file} need a superuser or roles that {@code integr8s} does not have). Binaries are
 * unpacked into {@code ~/.cache/integr8s/postgres}, which no other user can write. Public for tools that work on a
 * stopped instance's store (the rebuild benchmark's generator).
 */
public final class PostgresService implements EmbeddedService {

    static final String DATABASE = "integr8s";
    static final String APP_ROLE = "integr8s";
    private static final String SUPERUSER = "postgres";
    static final String SUPERUSER_SECRET = "postgres-superuser";
    static final String APP_SECRET = "postgres-integr8s";
    /** zonky reads its working directory (binaries, and where it cleans "old data directories") from here. */
    private static final String ZONKY_WORKING_DIRECTORY = "ot.epg.working-dir";
    private static final String HBA = """
            # written by integr8s at every start: TCP on loopback only, SCRAM passwords only
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final Path dataDirectory;
    private final HomeSecrets secrets;
    private EmbeddedPostgres postgres;
    private String appPassword;

    public PostgresService(Path home) {
        this(home, new HomeSecrets(home));
    }

    PostgresService(Path home, HomeSecrets secrets) {
        this.dataDirectory = home.resolve("postgres");
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void start() throws Exception {
        String superuserPassword = secrets.get(SUPERUSER_SECRET);
        appPassword = secrets.get(APP_SECRET);
        File binaries = binaries();
        boolean initialised = Files.exists(dataDirectory.resolve("postgresql.conf"));
        PrivateFiles.directory(dataDirectory);
        OrphanProcess.stopIfRunning(dataDirectory.resolve("postmaster.pid"), "postgres");
        if (initialised && trustsAnyone()) {
            setSuperuserPassword(binaries, superuserPassword);
        }
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // zonky passes these as --key=value to initdb: the superuser gets its password from the start
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", secrets.file(SUPERUSER_SECRET).toString())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                // zonky starts PostgreSQL with fsync and synchronous_commit off, a test database's settings; a commit
                // the app acknowledged must survive PostgreSQL dying with the JVM and the machine crashing (ADR 0016)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setConnectConfig("password", superuserPassword)
                // after initdb, before every start
                .setDataDirectoryCustomizer(directory -> writeHba())
                // the stack stops PostgreSQL itself, after the Spring contexts are closed
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setPort(FreePort.find())
                .start();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, superuserPassword)) {
            createAppRoleAndDatabase(connection);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(DATABASE), SUPERUSER, superuserPassword);
             Statement statement = connection.createStatement()) {
            // what an older version created as the superuser
            statement.execute(HAND_OVER_TO_APP_ROLE);
        }
    }

    /**
     * zonky unpacks into its working directory; the default, {@code /tmp/embedded-pg}, is shared and anyone may
     * plant binaries there that root would run. zonky reuses an unpacked tree by its name alone, so the directory
     * must be one no other user can write.
     */
    private static File binaries() throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "integr8s");
        Files.createDirectories(cache.getParent());
        PrivateFiles.directory(cache);
        Path directory = PrivateFiles.directory(cache.resolve("postgres"));
        System.setProperty(ZONKY_WORKING_DIRECTORY, directory.toString());
        // zonky's own unpacking (cached per JVM); private, and needed here before zonky starts the server
        Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
        prepare.setAccessible(true);
        File binaries = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, directory.toFile());
        // zonky opens its working directory to every user (it expects a shared one); the 0700 cache around it kept
        // them out meanwhile
        PrivateFiles.tighten(directory);
        PrivateFiles.requireWritableOnlyByOwnerOrRoot(binaries.toPath().resolve("bin"));
        return binaries;
    }

    private void writeHba() {
        try {
            PrivateFiles.write(dataDirectory.resolve("pg_hba.conf"), HBA.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean trustsAnyone() throws IOException {
        return Files.readAllLines(dataDirectory.resolve("pg_hba.conf")).stream()
                .map(String::trim)
                .anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\b.*"));
    }

    /**
     * A data directory of an older version: its superuser has no password and its pg_hba.conf trusts every local
     * connection. The password is set in single-user mode, which takes no connections at all.
     */
    private void setSuperuserPassword(File binaries, String password) throws Exception {
        List<String> command = new ArrayList<>();
        if (RunningUser.isRoot()) {
            command.addAll(List.of("unshare", "-U")); // as zonky starts it: postgres refuses uid 0
        }
        command.addAll(List.of(new File(binaries, "bin/postgres").getPath(), "--single", "-D",
                dataDirectory.toString(), "postgres"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream input = process.getOutputStream()) {
            input.write(("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'\n").getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.toString().contains("ERROR")) {
            process.destroyForcibly();
            throw new IllegalStateException("Could not set the superuser's password in " + dataDirectory + ": "
                    + output.toString().replace(password, "<password>"));
        }
    }

    private void createAppRoleAndDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String attributes = " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
                    + appPassword + "'";
            statement.execute((exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_ROLE)
                    ? "ALTER ROLE " : "CREATE ROLE ") + APP_ROLE + attributes);
            statement.execute(exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)
                    ? "ALTER DATABASE " + DATABASE + " OWNER TO " + APP_ROLE
                    : "CREATE DATABASE " + DATABASE + " OWNER " + APP_ROLE);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Tables first: a sequence owned by a column follows its table, and cannot be given away on its own. */
    private static final String HAND_OVER_TO_APP_ROLE = """
            DO $$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                       JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                         AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner = 'postgres'::regrole
                       ORDER BY c.relkind = 'S'
              LOOP
                IF r.relkind <> 'S' OR (SELECT relowner FROM pg_class WHERE oid = r.name) = 'postgres'::regrole THEN
                  EXECUTE format('ALTER %s %s OWNER TO integr8s', CASE r.relkind WHEN 'S' THEN 'SEQUENCE'
                    WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.name);
                END IF;
              END LOOP;
            END $$""";

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of(
                "spring.datasource.url", jdbcUrl(DATABASE),
                "spring.datasource.username", APP_ROLE,
                "spring.datasource.password", appPassword);
    }

    @Override
    public void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
