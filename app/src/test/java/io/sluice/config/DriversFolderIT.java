package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar reads a warehouse whose driver it was not built with, once the driver's jar is in the
 * {@code drivers/} folder of its working directory: DuckDB's, which the jar leaves out (test scope).
 */
class DriversFolderIT {

    private static final Path JAR = Path.of(System.getProperty("sluice.jar"));
    private static final Path DUCKDB_DRIVER = Path.of(System.getProperty("duckdb.jar"));

    @TempDir
    Path home;

    private String warehouseUrl;

    @BeforeEach
    void aDuckDbWarehouseAndASyncReadingIt() throws IOException, SQLException {
        warehouseUrl = "jdbc:duckdb:" + home.resolve("warehouse.duckdb").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(warehouseUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leads (email VARCHAR, company VARCHAR)");
        }
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes/leads.yaml"), """
                model:
                  query: SELECT email, company FROM leads
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                schedule: manual
                sync_mode: full
                """);
    }

    @Test
    void withoutTheDriverTheWarehouseCannotBeRead() throws Exception {
        Answer answer = validate();

        assertThat(answer.exit()).as(answer.output()).isNotZero();
        assertThat(answer.output()).contains("duckdb");
    }

    @Test
    void aDriverDroppedIntoDriversIsLoadedWithoutARebuild() throws Exception {
        Files.createDirectories(home.resolve("drivers"));
        Files.copy(DUCKDB_DRIVER, home.resolve("drivers").resolve(DUCKDB_DRIVER.getFileName()));

        Answer answer = validate();

        assertThat(answer.exit()).as(answer.output()).isZero();
        assertThat(answer.output()).contains("1 sync file, all valid");
    }

    private record Answer(int exit, String output) {
    }

    /** {@code java -jar sluice.jar validate routes}, checking the model's columns in the warehouse. */
    private Answer validate() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "validate", "routes", "--sluice.warehouse.url=" + warehouseUrl, "--sluice.warehouse.username=",
                "--sluice.warehouse.password="))
                .directory(home.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Answer(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
