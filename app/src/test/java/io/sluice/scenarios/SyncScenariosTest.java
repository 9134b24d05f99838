package io.sluice.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.config.SluiceProperties;
import io.sluice.pipeline.SyncReloader;
import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncFileProblem;

/**
 * Runs every scenario in {@code tests/} (see {@link Scenario} and README "Testing syncs as data"): Sluice on
 * an embedded H2 warehouse and every destination's fake, the scenario's sync file added to a running Sluice
 * as an edited file would be, one run per step, and what the fakes hold compared with the step's expect.yaml.
 */
@SpringBootTest(properties = {
        "sluice.state.url=jdbc:h2:mem:scenarios-state;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "sluice.warehouse.url=jdbc:h2:mem:scenarios-warehouse;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "sluice.sandbox.seed-warehouse=false",
        "sluice.sandbox.salesforce-port=0",
        "sluice.sandbox.hubspot-port=0",
        "sluice.sandbox.slack-port=0",
        "sluice.sandbox.intercom-port=0",
        "sluice.sandbox.stripe-port=0",
        "sluice.reload.enabled=false",
        "sluice.dbt.manifest=tests/salesforce_dbt_model/manifest.json"})
class SyncScenariosTest {

    static final Path TESTS = Path.of("tests");
    static final Path ROUTES = emptyFolder();

    @Autowired
    SyncRunner runner;
    @Autowired
    SyncReloader reloader;
    @Autowired
    SyncCatalog catalog;
    @Autowired
    SluiceProperties properties;
    @Autowired
    SalesforceSandbox salesforce;
    @Autowired
    HubSpotSandbox hubspot;
    @Autowired
    StripeSandbox stripe;
    @Autowired
    SlackSandbox slack;
    @Autowired
    IntercomSandbox intercom;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("sluice.routes-dir", ROUTES::toString);
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioInTheTestsFolder() {
        List<Scenario> scenarios = Scenario.all(TESTS);
        assertThat(scenarios).as("scenarios in " + TESTS.toAbsolutePath()).isNotEmpty();
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(),
                scenario.folder().toUri(), () -> run(scenario)));
    }

    private void run(Scenario scenario) throws IOException {
        ScenarioFakes fakes = new ScenarioFakes(salesforce, hubspot, stripe, slack, intercom);
        fakes.reset();
        fakes.given(scenario.given());
        JdbcTemplate warehouse = new JdbcTemplate(writableWarehouse());
        warehouse.execute("DROP ALL OBJECTS");
        Path syncFile = ROUTES.resolve(scenario.name() + ".yaml");
        try {
            for (Scenario.Step step : scenario.steps()) {
                step.warehouseSql().ifPresent(sql -> DatabasePopulatorUtils.execute(
                        new ResourceDatabasePopulator(new FileSystemResource(sql)), writableWarehouse()));
                if (!Files.exists(syncFile)) {
                    // added once its tables exist: the catalog checks the query's columns against the warehouse
                    Files.writeString(syncFile, scenario.syncFileForRun());
                    reloader.reload();
                    List<SyncFileProblem> problems = catalog.require(scenario.name()).problems();
                    assertThat(problems).as(scenario.syncFile() + " is invalid").isEmpty();
                }
                Map<String, Integer> requestsBefore = new LinkedHashMap<>();
                for (String fake : List.of("salesforce", "hubspot", "stripe", "slack", "intercom")) {
                    requestsBefore.put(fake, fakes.requests(fake));
                }
                SyncRun run = runner.run(scenario.name(), SyncRun.Trigger.MANUAL);
                compare(scenario, step, run, fakes, requestsBefore);
            }
        } finally {
            Files.deleteIfExists(syncFile);
            reloader.reload();
        }
    }

    @SuppressWarnings("unchecked")
    private void compare(Scenario scenario, Scenario.Step step, SyncRun run, ScenarioFakes fakes,
                         Map<String, Integer> requestsBefore) {
        Expectations expectations = new Expectations();
        Map<String, Object> expect = step.expect();
        // refusals are asserted as counts and dead letters; the run itself must have got to its end
        if (!run.completed()) {
            expectations.differences().add("run: " + run.status() + ": " + run.error());
        }
        if (expect.get("run") instanceof Map<?, ?> counts) {
            expectations.fields("run", (Map<String, Object>) counts,
                    Scenario.YAML.convertValue(run.counts(), new TypeReference<Map<String, Object>>() {
                    }));
        }
        if (expect.get("requests") instanceof Map<?, ?> requests) {
            ((Map<String, Object>) requests).forEach((fake, count) -> {
                int made = fakes.requests(fake) - requestsBefore.get(fake);
                if (!Expectations.same(count, made)) {
                    expectations.differences().add("requests." + fake + ": expected " + count + " but " + fake
                            + " received " + made);
                }
            });
        }
        expect.forEach((fake, collections) -> {
            if (ScenarioFakes.isFake(fake)) {
                ((Map<String, Object>) collections).forEach((collection, expected) -> expectations.collection(
                        fake + "." + collection, expected, fakes.records(fake, collection)));
            }
        });
        if (!expectations.differences().isEmpty()) {
            fail(scenario.folder() + " " + step.name() + " (" + run.counts() + "):\n  "
                    + String.join("\n  ", expectations.differences()));
        }
    }

    private DataSource writableWarehouse() {
        SluiceProperties.DefaultWarehouse database = properties.warehouse();
        return new DriverManagerDataSource(database.url(), database.username(), database.password());
    }

    private static Path emptyFolder() {
        try {
            return Files.createTempDirectory("sluice-scenarios");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
