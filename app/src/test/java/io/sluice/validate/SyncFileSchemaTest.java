package io.sluice.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.sluice.destinations.Destination;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncFileProblem;

/**
 * {@code schema/sync-file.schema.json} is what editors check sync files with and what Sluice loads them with:
 * every shipped sync file passes and names it, each destination's block has a schema of its own, and the
 * mistakes people make are reported at the field they made them in.
 */
class SyncFileSchemaTest {

    private static final Path SCHEMA = Path.of("schema/sync-file.schema.json");
    private static ConfigurableApplicationContext validation;
    private static SyncFileLoader loader;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        // the dbt model scenario's manifest, as SyncScenariosTest configures it
        validation = new SpringApplicationBuilder(ValidateConfiguration.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).registerShutdownHook(false)
                .run("--sluice.dbt.manifest=tests/salesforce_dbt_model/manifest.json");
        loader = validation.getBean(SyncFileLoader.class);
    }

    @AfterAll
    static void close() {
        validation.close();
    }

    @Test
    void everyShippedSyncFileIsValidAndRoutesNameTheSchemaForEditors() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"));
             Stream<Path> scenarios = Files.list(Path.of("tests"))) {
            // Camel's YAML DSL routes sit beside the sync files and are not sync files
            files.addAll(routes.filter(file -> !file.toString().endsWith(".camel.yaml")).sorted().toList());
            files.addAll(scenarios.map(scenario -> scenario.resolve("sync.yaml")).filter(Files::exists).sorted()
                    .toList());
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(loader.load(file).problems()).as(file.toString()).isEmpty();
        }
        for (Path route : files.stream().filter(file -> file.startsWith("routes")).toList()) {
            assertThat(Files.readString(route)).as(route + " names the schema for editors")
                    .startsWith("# yaml-language-server: $schema=../" + SCHEMA + "\n");
        }
        JsonNode vscode = new ObjectMapper().readTree(Path.of(".vscode/settings.json").toFile());
        assertThat(vscode.path("yaml.schemas").path("./" + SCHEMA).toString())
                .contains("routes/*.yaml", "tests/*/sync.yaml");
    }

    @Test
    void eachDestinationsBlockIsDescribedByItsOwnSchema() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        for (Destination destination : validation.getBeansOfType(Destination.class).values()) {
            String name = destination.name();
            String own = "destinations/" + name + ".schema.json";
            assertThat(schema.at("/properties/destination/enum").toString()).as(name).contains("\"" + name + "\"");
            assertThat(schema.at("/properties/" + name + "/$ref").asText()).as(name).isEqualTo(own);
            assertThat(SCHEMA.resolveSibling(own)).as(name).isRegularFile();
        }
    }

    @Test
    void mistakesAreReportedAtTheFieldTheyAreIn() {
        String valid = """
                model:
                  query: SELECT email, company FROM crm.leads
                destination: salesforce
                mapping:
                  email: Email
                  company: {field: Company, transform: trim}
                schedule: every_hour
                sync_mode: full
                """;
        assertThat(load(valid).problems()).isEmpty();

        Map<String, Mistake> mistakes = Map.ofEntries(
                Map.entry("unknown top-level field", new Mistake(valid + "colour: blue\n", "colour")),
                Map.entry("no model", new Mistake(
                        valid.replace("model:\n  query: SELECT email, company FROM crm.leads\n", ""), "model")),
                Map.entry("unknown model field", new Mistake(valid.replace("model:\n", "model:\n  tabel: leads\n"),
                        "model.tabel")),
                Map.entry("unknown destination", new Mistake(
                        valid.replace("destination: salesforce", "destination: marketo"), "destination")),
                Map.entry("destination in capitals", new Mistake(
                        valid.replace("destination: salesforce", "destination: Salesforce"), "destination")),
                Map.entry("unknown sync mode", new Mistake(valid.replace("sync_mode: full", "sync_mode: upsert"),
                        "sync_mode")),
                Map.entry("unknown schedule", new Mistake(valid.replace("every_hour", "hourly"), "schedule")),
                Map.entry("unknown transform", new Mistake(valid.replace("transform: trim", "transform: titlecase"),
                        "mapping.company.transform")),
                Map.entry("empty mapping", new Mistake(valid
                        .replace("  email: Email\n  company: {field: Company, transform: trim}\n", "")
                        .replace("mapping:\n", "mapping: {}\n"), "mapping")),
                Map.entry("not a column name", new Mistake(valid.replace("  email: Email", "  e-mail: Email"),
                        "mapping.e-mail")),
                Map.entry("cursor outside incremental", new Mistake(valid + "cursor: updated_at\n", "cursor")),
                Map.entry("guard share above 100", new Mistake(valid + "guards:\n  max_delete_percent: 150\n",
                        "guards.max_delete_percent")),
                Map.entry("unknown guard", new Mistake(valid + "guards:\n  max_rows: 10\n", "guards.max_rows")),
                Map.entry("another destination's block", new Mistake(valid + "hubspot:\n  batch_size: 10\n",
                        "hubspot")),
                Map.entry("hubspot batch too large", new Mistake(valid.replace("salesforce", "hubspot")
                        .replace("Email", "email").replace("Company", "company") + "hubspot:\n  batch_size: 500\n",
                        "hubspot.batch_size")),
                Map.entry("slack without a channel", new Mistake(valid
                        .replace("destination: salesforce", "destination: slack")
                        .replace("sync_mode: full", "sync_mode: incremental") + "slack:\n  text: Hi {{email}}\n",
                        "slack.channel")),
                Map.entry("slack initial_run", new Mistake(valid
                        .replace("destination: salesforce", "destination: slack")
                        + "slack:\n  channel: \"#sales\"\n  text: Hi\n  initial_run: always\n", "slack.initial_run")),
                Map.entry("stripe match_by", new Mistake(valid.replace("destination: salesforce", "destination: stripe")
                        .replace("Email", "email").replace("Company", "company") + "stripe:\n  match_by: phone\n",
                        "stripe.match_by")),
                Map.entry("http method", new Mistake(valid.replace("destination: salesforce", "destination: http")
                        + "http:\n  url: \"{{config:crm}}/leads\"\n  method: GET\n", "http.method")),
                Map.entry("http unknown field", new Mistake(valid
                        .replace("destination: salesforce", "destination: http")
                        + "http:\n  url: \"{{config:crm}}/leads\"\n  timeout: 5s\n", "http.timeout")),
                Map.entry("http 429 as success", new Mistake(valid
                        .replace("destination: salesforce", "destination: http")
                        + "http:\n  url: \"{{config:crm}}/leads\"\n  success_statuses: [200, 429]\n",
                        "http.success_statuses[1]")));
        mistakes.forEach((mistake, file) -> assertThat(load(file.text()).problems())
                .as(mistake).extracting(SyncFileProblem::field).contains(file.field()));
    }

    private record Mistake(String text, String field) {
    }

    private LoadedSyncFile load(String text) {
        try {
            return loader.load(Files.writeString(folder.resolve("sync.yaml"), text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
