package io.integr8s.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from zonky's packaged binaries, data kept in {@code <home>/postgres}. Public for tools that work on a
 * stopped instance's store (the rebuild benchmark's generator).
 */
public final class PostgresService implements EmbeddedService {

    static final String DATABASE = "integr8s";
    private static final String USER = "postgres";

    private final Path dataDirectory;
    private EmbeddedPostgres postgres;

    public PostgresService(Path home) {
        this.dataDirectory = home.resolve("postgres");
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dataDirectory);
        OrphanProcess.stopIfRunning(dataDirectory.resolve("postmaster.pid"), "postgres");
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // the stack stops PostgreSQL itself, after the Spring contexts are closed
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setPort(FreePort.find())
                .start();
        createDatabaseIfAbsent();
    }

    private void createDatabaseIfAbsent() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of(
                "spring.datasource.url", jdbcUrl(DATABASE),
                "spring.datasource.username", USER,
                "spring.datasource.password", "");
    }

    @Override
    public void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
