package io.sluice.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sluice.sync.FieldMapping.Transform;

class SyncFileLoaderTest {

    record StubDestination(String name, String defaultObject) implements SyncFileDestination {

        @Override
        public Reading read(SettingsBlock block, SyncDefinition sync) {
            return new Reading(DestinationSettings.NONE, List.of());
        }
    }

    private static final String VALID = """
            model:
              name: leads
              query: SELECT email, company, updated_at FROM leads
            destination: salesforce
            mapping:
              email: Email
              company: Company
            schedule: every_hour
            sync_mode: incremental
            """;

    private final SyncFileLoader loader = new SyncFileLoader(List.of(
            new StubDestination("salesforce", "Lead"), new StubDestination("hubspot", "contacts")));

    @TempDir
    Path dir;

    @Test
    void theShippedExampleLoadsExactlyAsWritten() {
        Path example = Path.of("routes/enriched_leads.yaml");

        LoadedSyncFile loaded = loader.load(example);

        assertThat(loaded.problems()).isEmpty();
        SyncDefinition sync = loaded.definition().orElseThrow();
        assertThat(sync.name()).isEqualTo("enriched_leads");
        assertThat(sync.file()).isEqualTo(example);
        assertThat(sync.modelName()).isEqualTo("enriched_leads");
        assertThat(sync.query()).isEqualTo("""
                SELECT
                  l.email,
                  l.company,
                  CASE
                    WHEN u.page_views > 100 AND u.trial_days_remaining < 7 THEN 'hot'
                    WHEN u.page_views > 50 THEN 'warm'
                    ELSE 'cold'
                  END as lead_score,
                  u.features_used,
                  u.last_active_at
                FROM warehouse.leads l
                JOIN warehouse.product_usage u ON l.user_id = u.user_id""");
        assertThat(sync.primaryKey()).isEqualTo("email");
        assertThat(sync.destination()).isEqualTo("salesforce");
        assertThat(sync.object()).isEqualTo("Lead");
        assertThat(sync.externalIdField()).isEqualTo("Email");
        assertThat(sync.mapping()).containsExactly(
                new FieldMapping("email", "Email", Transform.NONE),
                new FieldMapping("company", "Company", Transform.NONE),
                new FieldMapping("lead_score", "Lead_Score__c", Transform.NONE),
                new FieldMapping("features_used", "Features_Used__c", Transform.NONE),
                new FieldMapping("last_active_at", "Last_Product_Activity__c", Transform.NONE));
        assertThat(sync.schedule()).isEqualTo(new Schedule("every_hour", "0 0 * * * ?"));
        assertThat(sync.mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(sync.cursor()).isEmpty();
    }

    @Test
    void theSyncIsNamedAfterItsFileWhateverTheYamlExtension() throws IOException {
        LoadedSyncFile loaded = loader.load(write("hot_leads.yml", VALID));

        assertThat(loaded.name()).isEqualTo("hot_leads");
        assertThat(loaded.definition().orElseThrow().name()).isEqualTo("hot_leads");
    }

    @Test
    void withoutAModelNameTheModelIsNamedAfterTheSync() throws IOException {
        SyncDefinition sync = valid(VALID.replace("  name: leads\n", ""));

        assertThat(sync.modelName()).isEqualTo("leads_sync");
    }

    @Test
    void primaryKeyObjectAndExternalIdFieldAreTakenAsWritten() throws IOException {
        SyncDefinition sync = valid("""
                model:
                  query: SELECT customer_id, email FROM customers
                  primary_key: customer_id
                destination: salesforce
                object: Contact
                external_id_field: Warehouse_Id__c
                mapping:
                  email: Email
                  customer_id: Customer_Id__c
                schedule: every_day
                sync_mode: mirror
                """);

        assertThat(sync.primaryKey()).isEqualTo("customer_id");
        assertThat(sync.object()).isEqualTo("Contact");
        assertThat(sync.externalIdField()).isEqualTo("Warehouse_Id__c");
        assertThat(sync.mode()).isEqualTo(SyncMode.MIRROR);
    }

    @Test
    void theExternalIdFieldDefaultsToTheFieldThePrimaryKeyIsMappedTo() throws IOException {
        SyncDefinition sync = valid(VALID.replace("  name: leads\n", "  name: leads\n  primary_key: company\n"));

        assertThat(sync.primaryKey()).isEqualTo("company");
        assertThat(sync.externalIdField()).isEqualTo("Company");
        assertThat(sync.keyMapping()).isEqualTo(new FieldMapping("company", "Company", Transform.NONE));
    }

    @Test
    void theObjectDefaultsToTheDestinationsOwn() throws IOException {
        SyncDefinition sync = valid(VALID.replace("destination: salesforce", "destination: hubspot"));

        assertThat(sync.destination()).isEqualTo("hubspot");
        assertThat(sync.object()).isEqualTo("contacts");
    }

    @Test
    void anIncrementalSyncKeepsItsCursor() throws IOException {
        SyncDefinition sync = valid(VALID + "cursor: updated_at\n");

        assertThat(sync.cursor()).contains("updated_at");
    }

    @Test
    void aLongFormMappingCarriesItsTransform() throws IOException {
        SyncDefinition sync = valid(VALID.replace("  email: Email\n", """
                  email:
                    field: Email
                    transform: lowercase
                  name: {field: LastName}
                """));

        assertThat(sync.mapping()).containsExactly(
                new FieldMapping("email", "Email", Transform.LOWERCASE),
                new FieldMapping("name", "LastName", Transform.NONE),
                new FieldMapping("company", "Company", Transform.NONE));
        assertThat(sync.externalIdField()).isEqualTo("Email");
    }

    @Test
    void aManualScheduleLoads() throws IOException {
        SyncDefinition sync = valid(VALID.replace("schedule: every_hour", "schedule: manual"));

        assertThat(sync.schedule().isManual()).isTrue();
    }

    @Test
    void invalidYamlIsReportedWithItsLine() throws IOException {
        Path file = write("leads.yaml", """
                model:
                  query: SELECT email FROM leads
                destination: salesforce
                mapping: email: Email
                """);

        LoadedSyncFile loaded = loader.load(file);

        assertThat(loaded.isValid()).isFalse();
        assertThat(loaded.name()).isEqualTo("leads");
        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.file()).isEqualTo(file.toString());
        assertThat(problem.field()).isEmpty();
        assertThat(problem.message()).startsWith("not valid YAML").endsWith("(line 4)");
    }

    // Fails today: the line appended is that of the last token read (5), not the tab's (6).
    @Test
    void aTabIndentIsReportedOnTheLineThatHasTheTab() throws IOException {
        LoadedSyncFile loaded = load("""
                model:
                  query: SELECT email FROM leads
                destination: salesforce
                schedule: every_hour
                mapping:
                \temail: Email
                """);

        assertThat(onlyProblem(loaded).message()).contains("TAB").endsWith("(line 6)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "- model\n- mapping\n", "just some text\n"})
    void aDocumentThatIsNotAMappingIsRejectedAsAWhole(String content) throws IOException {
        SyncFileProblem problem = onlyProblem(load(content));

        assertThat(problem.field()).isEmpty();
        assertThat(problem.message()).contains("must be a YAML mapping");
    }

    @Test
    void aMissingModelIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("""
                model:
                  name: leads
                  query: SELECT email, company, updated_at FROM leads
                """, ""));

        assertThat(onlyProblem(loaded)).isEqualTo(new SyncFileProblem(fileName(), "model", "is missing: the rows to sync"));
    }

    @Test
    void aModelWithoutQueryIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  query: SELECT email, company, updated_at FROM leads\n", ""));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("model.query");
        assertThat(problem.message()).startsWith("is missing");
    }

    @Test
    void anUnknownDestinationIsReportedWithTheKnownOnes() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("destination: salesforce", "destination: salesfroce"));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("destination");
        assertThat(problem.message()).contains("'salesfroce'", "salesforce", "hubspot");
    }

    // Fails today: "must be text" is followed by a second, wrong "is missing" for the same field.
    @Test
    void aDestinationThatIsNotTextIsReportedOnceAsSuch() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("destination: salesforce", "destination: [salesforce]"));

        assertThat(onlyProblem(loaded)).isEqualTo(new SyncFileProblem(fileName(), "destination", "must be text"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mapping:\n", "mapping: {}\n", "mapping: [email, company]\n"})
    void aMissingOrEmptyMappingIsReported(String mapping) throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("""
                mapping:
                  email: Email
                  company: Company
                """, mapping));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("mapping");
        assertThat(problem.message()).contains("column → destination field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "42", "true", "[Email, Other_Email__c]"})
    void aMappingValueThatIsNotAFieldNameIsReported(String value) throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  company: Company", "  company: " + value));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("mapping.company");
        assertThat(problem.message()).contains("must name a destination field");
    }

    @Test
    void aMappedColumnThatIsNotAnIdentifierIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  company: Company", "  company name: Company"));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("mapping.company name");
        assertThat(problem.message()).contains("must be a column name");
    }

    @Test
    void aMisspeltTopLevelFieldIsReportedByName() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("schedule: every_hour", "shedule: every_hour"));

        assertThat(fields(loaded)).containsExactlyInAnyOrder("shedule", "schedule");
        assertThat(problemAt(loaded, "shedule").message()).startsWith("unknown field").contains("schedule");
        assertThat(problemAt(loaded, "schedule").message()).startsWith("is missing");
    }

    @Test
    void aMisspeltModelFieldIsReportedWithItsPath() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  name: leads\n", "  name: leads\n  primary_kye: email\n"));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("model.primary_kye");
        assertThat(problem.message()).startsWith("unknown field").contains("primary_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"every_2_hours", "hourly", "0 * * * *", "0 0 25 * * ?"})
    void aBadScheduleIsReportedWithTheField(String schedule) throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("schedule: every_hour", "schedule: \"" + schedule + "\""));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("schedule");
        assertThat(problem.message()).contains("'" + schedule + "'", "every_hour", "Quartz cron");
    }

    @Test
    void aCronThatNeverFiresIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("schedule: every_hour", "schedule: 0 0 0 1 1 ? 2001"));

        assertThat(onlyProblem(loaded)).isEqualTo(new SyncFileProblem(fileName(), "schedule",
                "cron expression '0 0 0 1 1 ? 2001' never fires"));
    }

    @Test
    void aScheduleFiringEverySecondIsReportedWithTheIntervalItFiresAt() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("schedule: every_hour", "schedule: '* * * * * ?'"));

        assertThat(onlyProblem(loaded)).isEqualTo(new SyncFileProblem(fileName(), "schedule",
                "cron expression '* * * * * ?' fires every 1s, more often than sluice.schedule.min-interval (1m) "
                        + "allows"));
    }

    @Test
    void theMinimumIntervalIsTheDeploymentsToLower() throws IOException {
        SyncFileLoader everySecondAllowed = new SyncFileLoader(
                List.of(new StubDestination("salesforce", "Lead")), Duration.ofSeconds(1));
        String everySecond = VALID.replace("schedule: every_hour", "schedule: '* * * * * ?'");

        assertThat(everySecondAllowed.load(write("leads_sync.yaml", everySecond)).problems()).isEmpty();
        assertThat(everySecondAllowed.load(write("leads_sync.yaml",
                VALID.replace("schedule: every_hour", "schedule: '99 99 * * * ?'"))).problems())
                .singleElement().satisfies(problem -> assertThat(problem.message())
                        .startsWith("cron expression '99 99 * * * ?' fires every 1s: Quartz silently wraps"));
    }

    @Test
    void anUnknownSyncModeIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("sync_mode: incremental", "sync_mode: upsert"));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("sync_mode");
        assertThat(problem.message()).contains("'upsert'", "incremental", "full", "mirror");
    }

    @Test
    void aPrimaryKeyThatIsNotMappedIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  name: leads\n", "  name: leads\n  primary_key: lead_id\n"));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("model.primary_key");
        assertThat(problem.message()).contains("'lead_id'", "not mapped");
    }

    @Test
    void aCursorOnAFullSyncIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("sync_mode: incremental", "sync_mode: full") + "cursor: updated_at\n");

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("cursor");
        assertThat(problem.message()).contains("only to sync_mode: incremental");
    }

    @Test
    void aCursorThatIsNotAColumnNameIsReported() throws IOException {
        LoadedSyncFile loaded = load(VALID + "cursor: \"updated_at; DROP TABLE x\"\n");

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("cursor");
        assertThat(problem.message()).isEqualTo("must be a column name (letters, digits and _, not starting with a "
                + "digit), not 'updated_at; DROP TABLE x'");
    }

    @Test
    void anUnknownTransformIsReportedWithItsPath() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  email: Email", "  email: {field: Email, transform: titlecase}"));

        SyncFileProblem problem = onlyProblem(loaded);
        assertThat(problem.field()).isEqualTo("mapping.email.transform");
        assertThat(problem.message()).contains("'titlecase'", "trim", "lowercase", "uppercase");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws IOException {
        Path file = write("leads.yaml", """
                model:
                  name: leads
                  primary_key: lead_id
                destination: pipedrive
                mapping:
                  email: {field: Email, transform: reverse}
                  company: 7
                shedule: every_hour
                sync_mode: full
                cursor: updated_at
                """);

        LoadedSyncFile loaded = loader.load(file);

        assertThat(loaded.isValid()).isFalse();
        assertThat(fields(loaded)).containsExactlyInAnyOrder("shedule", "model.query", "destination",
                "mapping.email.transform", "mapping.company", "schedule", "model.primary_key", "cursor");
        assertThat(loaded.problems()).extracting(SyncFileProblem::file).containsOnly(file.toString());
    }

    // Fails today: YAML keeps the last of two equal keys, so the first mapping line silently disappears.
    @Test
    void aColumnMappedTwiceIsReportedRatherThanSilentlyDropped() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  company: Company\n",
                "  company: Company\n  email: Secondary_Email__c\n"));

        assertThat(loaded.isValid()).isFalse();
        assertThat(loaded.problems()).anySatisfy(problem ->
                assertThat(problem.field() + " " + problem.message()).contains("email"));
    }

    @Test
    void twoColumnsWrittenToOneFieldAreReported() throws IOException {
        LoadedSyncFile loaded = load(VALID.replace("  company: Company\n",
                "  company: Company\n  employer: Company\n"));

        assertThat(onlyProblem(loaded).field()).isEqualTo("mapping.employer");
        assertThat(onlyProblem(loaded).message()).contains("'Company'", "'company'");
    }

    @Test
    void aGuardsBlockOverridesOnlyTheThresholdsItSets() throws IOException {
        SyncDefinition sync = valid(VALID + """
                guards:
                  max_delete_percent: 5.5
                  min_previous_rows: 20
                """);

        assertThat(sync.guards()).isEqualTo(new GuardOverrides(null, 5.5, null, null, 20L));
        assertThat(valid(VALID).guards()).isEqualTo(GuardOverrides.NONE);
        assertThat(valid(VALID + "guards:\n  enabled: false\n").guards().enabled()).isFalse();
    }

    @Test
    void badGuardValuesAreReportedWithFileAndField() throws IOException {
        LoadedSyncFile loaded = load(VALID + """
                guards:
                  enabled: "maybe"
                  max_delete_percent: 120
                  max_change_percent: lots
                  min_records: 2.5
                  min_previous_rows: 0
                  max_updates: 3
                """);

        assertThat(loaded.problems()).extracting(SyncFileProblem::file).containsOnly(fileName());
        assertThat(fields(loaded)).containsExactlyInAnyOrder("guards.enabled", "guards.max_delete_percent",
                "guards.max_change_percent", "guards.min_records", "guards.min_previous_rows", "guards.max_updates");
        assertThat(problemAt(loaded, "guards.max_delete_percent").message())
                .isEqualTo("must be a number from 0 to 100, not 120");
        assertThat(problemAt(loaded, "guards.min_records").message())
                .isEqualTo("must be a whole number of at least 0, not 2.5");
        assertThat(problemAt(loaded, "guards.min_previous_rows").message())
                .isEqualTo("must be a whole number of at least 1, not 0");
        assertThat(problemAt(loaded, "guards.enabled").message()).isEqualTo("must be true or false, not 'maybe'");
        assertThat(problemAt(loaded, "guards.max_updates").message()).contains("unknown field", "max_delete_percent");
        assertThat(problemAt(load(VALID + "guards: strict\n"), "guards").message()).startsWith("must be a mapping");
    }

    @Test
    void constantsCastsFormatsAndDefaultsAreReadIntoTheMapping() throws IOException {
        SyncDefinition sync = valid(VALID.replace("  company: Company\n", """
                  company: {field: Company, default: "(none)"}
                  signed_up: {field: Signed_Up__c, type: date, format: dd/MM/yyyy}
                  LeadSource: {value: Warehouse}
                """));

        assertThat(sync.mapping()).extracting(FieldMapping::field)
                .containsExactly("Email", "Company", "Signed_Up__c", "LeadSource");
        assertThat(sync.mapping().get(1).apply(null)).isEqualTo("(none)");
        assertThat(sync.mapping().get(2).apply("03/12/2026")).isEqualTo("2026-12-03");
        assertThat(sync.mapping().get(3).readsColumn()).isFalse();
        assertThat(sync.mapping().get(3).apply(null)).isEqualTo("Warehouse");
    }

    @Test
    void aMistakeInTheObjectFormOfAMappingIsReportedWithItsKey() throws IOException {
        assertThat(load(VALID.replace("  company: Company\n", "  company: {field: Company, format: dd/MM/yyyy}\n"))
                .problems()).extracting(SyncFileProblem::field).contains("mapping.company.type");
        assertThat(load(VALID.replace("  company: Company\n", "  company: {field: Company, type: money}\n"))
                .problems()).extracting(SyncFileProblem::field).contains("mapping.company.type");
        assertThat(load(VALID.replace("  company: Company\n",
                "  company: {field: Company, type: date, format: \"dd/MM/yyyy'\"}\n"))
                .problems()).extracting(SyncFileProblem::field).containsExactly("mapping.company.format");
    }

    @Test
    void aProcessorTheLoaderCannotFindMakesTheFileInvalid() throws IOException {
        LoadedSyncFile loaded = load(VALID + "processors: [score_lead]\n");

        assertThat(onlyProblem(loaded)).satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("processors[0]");
            assertThat(problem.message()).contains("no processor 'score_lead'");
        });
    }

    private SyncDefinition valid(String yaml) throws IOException {
        LoadedSyncFile loaded = load(yaml);
        assertThat(loaded.problems()).isEmpty();
        return loaded.definition().orElseThrow();
    }

    @Test
    void anAlertsBlockOverridesTheGlobalSettingsItNames() throws IOException {
        LoadedSyncFile loaded = load(VALID + """
                alerts:
                  run_failed: false
                  rejected_rows_percent: 2.5
                  row_count_runs: 10
                  open_dead_letters: 0
                """);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.definition().orElseThrow().alerts()).isEqualTo(new AlertRules(Optional.empty(),
                Optional.of(false), Optional.of(2.5), Optional.empty(), Optional.empty(), Optional.of(10),
                Optional.of(0L)));
    }

    @Test
    void withoutAnAlertsBlockTheGlobalSettingsApply() throws IOException {
        assertThat(load(VALID).definition().orElseThrow().alerts()).isEqualTo(AlertRules.GLOBAL);
    }

    @Test
    void everyWrongAlertSettingIsReportedWithItsPath() throws IOException {
        LoadedSyncFile loaded = load(VALID + """
                alerts:
                  enabled: "yes"
                  rejected_rows_percent: 120
                  row_count_deviation_percent: lots
                  row_count_runs: 0
                  open_dead_letters: 1.5
                  late_after: 2h
                """);

        assertThat(loaded.problems()).extracting(SyncFileProblem::file).containsOnly(fileName());
        assertThat(fields(loaded)).containsExactlyInAnyOrder("alerts.enabled", "alerts.rejected_rows_percent",
                "alerts.row_count_deviation_percent", "alerts.row_count_runs", "alerts.open_dead_letters",
                "alerts.late_after");
        assertThat(problemAt(loaded, "alerts.enabled").message()).isEqualTo("must be true or false, not 'yes'");
        assertThat(problemAt(loaded, "alerts.rejected_rows_percent").message())
                .isEqualTo("must be a number from 0 to 100, not 120");
        assertThat(problemAt(loaded, "alerts.row_count_deviation_percent").message())
                .isEqualTo("must be a number of at least 0, not 'lots'");
        assertThat(problemAt(loaded, "alerts.row_count_runs").message())
                .isEqualTo("must be a whole number of at least 1, not 0");
        assertThat(problemAt(loaded, "alerts.open_dead_letters").message())
                .isEqualTo("must be a whole number of at least 0, not 1.5");
        assertThat(problemAt(loaded, "alerts.late_after").message()).startsWith("unknown field").contains("late");
    }

    @Test
    void anAlertsBlockThatIsNotAMappingIsReported() throws IOException {
        SyncFileProblem problem = onlyProblem(load(VALID + "alerts: true\n"));

        assertThat(problem.field()).isEqualTo("alerts");
        assertThat(problem.message()).startsWith("must be a mapping of alert settings");
    }

    @Test
    void aConnectionIsOneTheDestinationHasAndDefaultIsItsUnnamedOne() throws IOException {
        SyncFileLoader withOrgs = new SyncFileLoader(List.of(new ConnectedDestination("salesforce", Set.of("sandbox"))));

        SyncDefinition sandbox = withOrgs.load(write("leads_sync.yaml", "connection: sandbox\n" + VALID))
                .definition().orElseThrow();
        SyncDefinition unnamed = withOrgs.load(write("leads_sync.yaml", "connection: default\n" + VALID))
                .definition().orElseThrow();
        LoadedSyncFile unknown = withOrgs.load(write("leads_sync.yaml", "connection: sandbx\n" + VALID));
        LoadedSyncFile withoutAny = load("connection: sandbox\n" + VALID);

        assertThat(sandbox.connection()).contains("sandbox");
        assertThat(unnamed.connection()).isEmpty();
        assertThat(onlyProblem(unknown)).isEqualTo(new SyncFileProblem(fileName(), "connection",
                "unknown connection 'sandbx'; one of [default, sandbox]"));
        assertThat(onlyProblem(withoutAny)).isEqualTo(new SyncFileProblem(fileName(), "connection",
                "unknown connection 'sandbox'; none is configured as sluice.salesforce.connections.<name>"));
    }

    record ConnectedDestination(String name, Set<String> connections) implements SyncFileDestination {

        @Override
        public String defaultObject() {
            return "Lead";
        }

        @Override
        public Reading read(SettingsBlock block, SyncDefinition sync) {
            return new Reading(DestinationSettings.NONE, List.of());
        }
    }

    private LoadedSyncFile load(String yaml) throws IOException {
        return loader.load(write("leads_sync.yaml", yaml));
    }

    private String fileName() {
        return dir.resolve("leads_sync.yaml").toString();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static SyncFileProblem onlyProblem(LoadedSyncFile loaded) {
        assertThat(loaded.isValid()).isFalse();
        assertThat(loaded.problems()).hasSize(1);
        return loaded.problems().get(0);
    }

    private static List<String> fields(LoadedSyncFile loaded) {
        return loaded.problems().stream().map(SyncFileProblem::field).toList();
    }

    private static SyncFileProblem problemAt(LoadedSyncFile loaded, String field) {
        List<SyncFileProblem> at = loaded.problems().stream().filter(p -> p.field().equals(field)).toList();
        assertThat(at).hasSize(1);
        return at.get(0);
    }
}
