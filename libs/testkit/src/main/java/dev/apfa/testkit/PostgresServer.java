package dev.apfa.testkit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: the machine's own server (started with pg_ctlcluster if installed but down), or the
 * one {@code APFA_PG_URL} names. Provides database {@code apfa} and one schema per owning service;
 * the services' Flyway migrations create the tables.
 */
final class PostgresServer {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/apfa";
    static final List<String> SCHEMAS = List.of("auth", "advice", "embedding", "audit");

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final Path CLUSTER_CONFIGS = Path.of("/etc/postgresql");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    private final Endpoint endpoint;
    private final String user;
    private final String password;

    PostgresServer(InfraSettings settings) {
        this.endpoint = settings.postgres();
        this.user = settings.postgresUser();
        this.password = settings.postgresPassword();
    }

    String url() {
        return endpoint.address();
    }

    /** Reaches the server, starting the local one if it is installed but down. */
    void ensureRunning() {
        // The local database may not exist yet, so probe the maintenance database instead.
        String probe = endpoint.external() ? url() : maintenanceUrl(url());
        Optional<SQLException> problem = connectionProblem(probe);
        if (problem.isEmpty()) {
            return;
        }
        if (endpoint.external()) {
            throw new InfraException("PostgreSQL at " + endpoint.describe() + " is not reachable as user '" + user
                    + "': " + problem.get().getMessage());
        }
        startLocalClusters();
        Poll.until("PostgreSQL at " + url(), ATTACH_TIMEOUT, () -> connectionProblem(probe).isEmpty());
    }

    /** Creates database apfa (locally) and the service schemas, each only if missing. */
    void provision() {
        if (!endpoint.external()) {
            createDatabaseIfMissing();
        }
        try (Connection connection = connect(url()); Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
        } catch (SQLException e) {
            throw new InfraException("cannot create schemas " + SCHEMAS + " in " + endpoint.describe() + ": " + e.getMessage(), e);
        }
    }

    boolean isUp() {
        return connectionProblem(endpoint.external() ? url() : maintenanceUrl(url())).isEmpty();
    }

    /** The same server's {@code postgres} database, which always exists. */
    static String maintenanceUrl(String jdbcUrl) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new InfraException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return matcher.group(1) + "postgres" + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    static String databaseName(String jdbcUrl) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches() || matcher.group(2).isEmpty()) {
            throw new InfraException("no database name in JDBC URL " + jdbcUrl);
        }
        return matcher.group(2);
    }

    private void createDatabaseIfMissing() {
        String database = databaseName(url());
        try (Connection connection = connect(maintenanceUrl(url()))) {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                log.info("created PostgreSQL database {}", database);
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // created concurrently: fine
                throw new InfraException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    private void startLocalClusters() {
        Path pgCtlCluster = Processes.requireExecutable("pg_ctlcluster", "PostgreSQL is not reachable at " + url()
                + "; install it (bin/apfa setup) or set " + endpoint.variable());
        List<String> versions = installedVersions();
        if (versions.isEmpty()) {
            throw new InfraException("PostgreSQL is not reachable at " + url() + " and no cluster is configured under "
                    + CLUSTER_CONFIGS);
        }
        for (String version : versions) {
            log.info("starting PostgreSQL {} (pg_ctlcluster)", version);
            Processes.Result result = Processes.run(COMMAND_TIMEOUT,
                    List.of(pgCtlCluster.toString(), "--skip-systemctl-redirect", version, "main", "start"));
            if (result.exitCode() != 0) { // 2 means already running, which the poll then confirms
                log.warn("pg_ctlcluster {} main start exited {}: {}", version, result.exitCode(), result.output());
            }
        }
    }

    private static List<String> installedVersions() {
        List<String> versions = new ArrayList<>();
        if (!Files.isDirectory(CLUSTER_CONFIGS)) {
            return versions;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(CLUSTER_CONFIGS)) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir.resolve("main"))) {
                    versions.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new InfraException("cannot list " + CLUSTER_CONFIGS + ": " + e.getMessage(), e);
        }
        return versions;
    }

    /** Why no connection can be made, or empty when one can. */
    private Optional<SQLException> connectionProblem(String jdbcUrl) {
        try (Connection ignored = connect(jdbcUrl)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
