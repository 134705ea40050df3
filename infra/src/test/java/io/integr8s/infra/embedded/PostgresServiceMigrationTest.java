package io.integr8s.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * A home written by the version before password authentication (trust, everything owned by the superuser) starts
 * with the new one: the superuser gets a password, the app's role owns the old tables and writes to them, and the
 * server commits durably whatever zonky's defaults say.
 */
class PostgresServiceMigrationTest {

    private static final Path HOME = Path.of("target", "migration-home").toAbsolutePath();

    @Test
    void anOlderHomeIsMovedToPasswordsAndTheAppRole() throws Exception {
        deleteRecursively(HOME);
        Files.createDirectories(HOME);
        createAsTheOlderVersionDid();

        PostgresService postgres = new PostgresService(HOME);
        postgres.start();
        try {
            Map<String, String> connection = postgres.connectionProperties();
            String url = connection.get("spring.datasource.url");
            assertThat(connection.get("spring.datasource.username")).isEqualTo("integr8s");
            try (Connection app = DriverManager.getConnection(url, "integr8s", connection.get("spring.datasource.password"));
                 Statement statement = app.createStatement()) {
                statement.execute("INSERT INTO legacy (v) VALUES ('new')");
                try (ResultSet rows = statement.executeQuery("SELECT string_agg(v, ',' ORDER BY id) FROM legacy")) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo("old,new");
                }
                // what zonky turns off for tests; an acknowledged commit must survive a crash (ADR 0016)
                for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                    try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
                        rows.next();
                        assertThat(rows.getString(1)).as(setting).isEqualTo("on");
                    }
                }
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
                    .isInstanceOf(SQLException.class);
            assertThat(Files.readString(HOME.resolve("postgres").resolve("pg_hba.conf"))).doesNotContain("trust");
        } finally {
            postgres.stop();
        }
    }

    /** What PostgresService did before: zonky's defaults (trust), the database and its tables made by postgres. */
    private static void createAsTheOlderVersionDid() throws IOException, SQLException {
        // not zonky's shared default in /tmp
        Path binaries = PrivateFiles.directory(HOME.resolveSibling("migration-binaries"));
        System.setProperty("ot.epg.working-dir", binaries.toString());
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(HOME.resolve("postgres"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (Connection connection = old.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE integr8s");
            }
            try (Connection connection = old.getDatabase("postgres", "integr8s").getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE legacy (id serial PRIMARY KEY, v text)");
                statement.execute("INSERT INTO legacy (v) VALUES ('old')");
            }
        }
        // zonky opened it to everyone; PostgresService reuses these binaries (zonky caches them per JVM) and checks
        PrivateFiles.tighten(binaries);

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
