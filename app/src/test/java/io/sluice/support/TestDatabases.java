package io.sluice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Real databases inside the test JVM: one embedded PostgreSQL server for the whole run (a fresh
 * database per use), an in-memory H2 database in PostgreSQL mode, as the embedded default uses, or a
 * DuckDB database file, a columnar engine close to what a warehouse is.
 */
public final class TestDatabases {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public record TestDatabase(String url, String username, String password) {

        /** A writable connection for the test itself; Sluice's own warehouse pool is read-only. */
        public JdbcTemplate jdbc() {
            DataSource dataSource = new DriverManagerDataSource(url, username, password);
            return new JdbcTemplate(dataSource);
        }
    }

    public static synchronized TestDatabase postgres(String purpose) {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            // after the cached application contexts have closed: a JVM hook would stop the server beside them,
            // and a scheduled run then waits for a connection until Camel's shutdown timeout
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's files are in a temp directory
                }
            });
        }
        String database = purpose + "_" + SEQUENCE.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return new TestDatabase(postgres.getJdbcUrl("postgres", database), "postgres", "postgres");
    }

    /**
     * DuckDB opens a file once per process, with one configuration for every connection to it: the test's
     * writer asks for streamed results as Sluice's pool does ({@code WarehouseDialect.DUCKDB}), or one of them
     * is refused. Read-only is such a setting too, which is why Sluice cannot ask for it here. The file is not
     * named after the purpose: DuckDB names its catalog after the file, and a catalog "warehouse" would clash
     * with the schema "warehouse" the tests create.
     */
    public static TestDatabase duckdb(String purpose) {
        try {
            Path file = Files.createTempDirectory("sluice-duckdb").resolve(purpose + "_file.duckdb");
            return new TestDatabase("jdbc:duckdb:" + file + ";jdbc_stream_results=true", "", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a DuckDB database file", e);
        }
    }

    public static TestDatabase h2(String purpose) {
        return new TestDatabase("jdbc:h2:mem:" + purpose + "_" + SEQUENCE.incrementAndGet()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    }
}
