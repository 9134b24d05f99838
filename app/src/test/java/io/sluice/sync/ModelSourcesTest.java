package io.sluice.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model as a query, a table or a dbt model, and the incremental query dbt users write. */
class ModelSourcesTest {

    private static final String SYNC = """
            model:
            %s  primary_key: customer_id
            destination: salesforce
            mapping:
              customer_id: Customer_Id__c
              name: LastName
            schedule: manual
            sync_mode: %s
            """;

    @TempDir
    Path dir;

    private SyncFileLoader loader() {
        return new SyncFileLoader(List.of(new SyncFileLoaderTest.StubDestination("salesforce", "Lead")),
                Duration.ofMinutes(1), Set.of(), SyncFileProcessors.NONE, dir.resolve("target/manifest.json"));
    }

    @Test
    void aTableModelReadsEveryColumnOfTheTable() throws IOException {
        SyncDefinition sync = valid("table: analytics.customer_360", "mirror");

        assertThat(sync.query()).isEqualTo("SELECT * FROM analytics.customer_360");
    }

    @Test
    void aDbtModelReadsTheTableDbtBuiltItInto() throws IOException {
        manifest();

        SyncDefinition sync = valid("dbt: customer_360", "full");

        assertThat(sync.query()).isEqualTo("SELECT * FROM \"warehouse\".\"analytics\".\"customer_360\"");
        assertThat(valid("dbt: shop.customer_360", "full").query()).isEqualTo(sync.query());
    }

    @Test
    void anUnknownDbtModelIsALoadErrorNamingTheModelAndTheManifest() throws IOException {
        manifest();

        SyncFileProblem problem = onlyProblem("dbt: customer_361", "full");

        assertThat(problem.field()).isEqualTo("model.dbt");
        assertThat(problem.message()).contains("'customer_361'", dir.resolve("target/manifest.json").toString());
    }

    @Test
    void aMissingManifestIsALoadErrorNamingTheModelAndTheManifest() throws IOException {
        SyncFileProblem problem = onlyProblem("dbt: customer_360", "full");

        assertThat(problem.field()).isEqualTo("model.dbt");
        assertThat(problem.message()).contains("'customer_360'", "target/manifest.json", "does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"table: analytics.customer_360\ndbt: customer_360",
            "query: SELECT customer_id, name FROM customers\ntable: customers"})
    void aModelIsOneOfQueryTableOrDbt(String model) throws IOException {
        SyncFileProblem problem = onlyProblem(model, "full");

        assertThat(problem.field()).isEqualTo("model");
        assertThat(problem.message()).isEqualTo("must hold only one of query, table or dbt");
    }

    @Test
    void theSeedsIncrementalQueryIsAcceptedVerbatimWithThePlaceholderAsAParameter() throws IOException {
        SyncDefinition sync = valid("""
                query: |
                  SELECT customer_id, name FROM analytics.customer_360
                  WHERE updated_at > '{{ last_sync_timestamp }}'""", "incremental");

        assertThat(sync.query()).contains("'{{ last_sync_timestamp }}'");
        assertThat(sync.jdbcQuery()).isEqualTo(
                "SELECT customer_id, name FROM analytics.customer_360\nWHERE updated_at > ?");
        assertThat(sync.lastSyncParameters()).isEqualTo(1);
        assertThat(sync.keepsWatermark()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "mirror"})
    void readingOnlyWhatChangedIsRefusedWhereEveryRowMustBeRead(String mode) throws IOException {
        SyncFileProblem problem = onlyProblem("""
                query: SELECT customer_id, name FROM customers WHERE updated_at > '{{last_sync_timestamp}}'""",
                mode);

        assertThat(problem.field()).isEqualTo("model.query");
        assertThat(problem.message()).contains("{{ last_sync_timestamp }}", "sync_mode " + mode);
    }

    @Test
    void anUnknownPlaceholderIsRefusedRatherThanSentAsText() throws IOException {
        SyncFileProblem problem = onlyProblem("""
                query: SELECT customer_id, name FROM customers WHERE updated_at > '{{ last_run }}'""",
                "incremental");

        assertThat(problem.field()).isEqualTo("model.query");
        assertThat(problem.message()).contains("{{ last_run }}", "{{ last_sync_timestamp }}");
    }

    private void manifest() throws IOException {
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/manifest.json"), """
                {"metadata": {"dbt_version": "1.8.0"},
                 "nodes": {
                   "model.shop.customer_360": {"resource_type": "model", "package_name": "shop",
                     "name": "customer_360", "relation_name": "\\"warehouse\\".\\"analytics\\".\\"customer_360\\""},
                   "test.shop.not_null_customer_360_id": {"resource_type": "test", "package_name": "shop",
                     "name": "customer_361", "relation_name": null}
                 }}
                """);
    }

    private SyncDefinition valid(String model, String mode) throws IOException {
        LoadedSyncFile loaded = load(model, mode);
        assertThat(loaded.problems()).isEmpty();
        return loaded.definition().orElseThrow();
    }

    private SyncFileProblem onlyProblem(String model, String mode) throws IOException {
        List<SyncFileProblem> problems = load(model, mode).problems();
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private LoadedSyncFile load(String model, String mode) throws IOException {
        return loader().load(Files.writeString(dir.resolve("customers.yaml"), SYNC.formatted(model.indent(2), mode)));
    }
}
