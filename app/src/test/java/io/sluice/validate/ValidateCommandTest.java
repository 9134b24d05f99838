package io.sluice.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** {@code java -jar sluice.jar validate <folder>}, as a team's CI runs it: what it prints and how it exits. */
class ValidateCommandTest {

    private static final String LEADS = """
            model:
              query: SELECT email, company FROM crm.leads
            destination: salesforce
            mapping:
              email: Email
              company:
                field: Company
                transform: titlecase
            schedule: every_hour
            sync_mode: incremental
            colour: blue
            """;

    private static final String HOT_LEADS = """
            model:
              query: SELECT email FROM crm.leads
            destination: slack
            mapping:
              email: email
            slack:
              channel: "#sales"
              text: "New lead {{emial}}"
            schedule: every_minute
            sync_mode: incremental
            """;

    @TempDir
    Path folder;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void theShippedSyncFilesAreValid() throws IOException {
        long files;
        try (var routes = Files.list(Path.of("routes"))) {
            files = routes.filter(file -> file.toString().endsWith(".yaml") && !file.toString().endsWith(".camel.yaml"))
                    .count();
        }
        assertThat(validate("routes")).isEqualTo(ValidateCommand.VALID);
        assertThat(output()).containsExactly("routes: " + files + " sync files, all valid");
    }

    @Test
    void eachMistakeIsPrintedWithFileLineAndFieldAndTheExitCodeIsOne() throws IOException {
        write("leads.yaml", LEADS);
        write("hot_leads.yaml", HOT_LEADS);
        write("broken.yaml", "model:\n  query: SELECT 1\n destination: [salesforce\n");

        assertThat(validate(folder.toString())).isEqualTo(ValidateCommand.INVALID);

        assertThat(output()).containsExactly(
                folder.resolve("broken.yaml") + ":3: not valid YAML: while parsing a block mapping in 'reader', "
                        + "line 1, column 1: model: ^ expected <block end>, but found '<block mapping start>' in "
                        + "'reader', line 3, column 2: destination: [salesforce ^ (line 3)",
                folder.resolve("hot_leads.yaml") + ":8: slack.text: placeholder {{emial}} is not a mapped column "
                        + "or field",
                folder.resolve("leads.yaml") + ":8: mapping.company.transform: must be one of trim, lowercase or "
                        + "uppercase, not 'titlecase'",
                folder.resolve("leads.yaml") + ":11: colour: unknown field; expected one of [alerts, camel, connection, "
                        + "cursor, destination, diff, external_id_field, guards, http, hubspot, mapping, model, object, "
                        + "processors, salesforce, schedule, slack, stripe, sync_mode, warehouse]",
                folder + ": 3 sync files, 3 invalid");
    }

    @Test
    void fiveMistakesInOneFileAreAllPrintedEachWithItsLine() throws IOException {
        write("contacts.yaml", """
                model:
                  query: SELECT email, company FROM crm.contacts
                  primary_key: customer_id
                destination: HubSpot
                mapping:
                  email: email
                  company: {field: company, transform: titlecase}
                schedule: 0 0 0 1 1 ? 2001
                sync_mode: full
                cursor: updated_at
                """);

        assertThat(validate(folder.toString())).isEqualTo(ValidateCommand.INVALID);

        Path file = folder.resolve("contacts.yaml");
        assertThat(output()).containsExactly(
                file + ":3: model.primary_key: column 'customer_id' is not mapped; the record key must be sent to "
                        + "the destination to match records",
                file + ":4: destination: must be one of camel, http, hubspot, salesforce, slack or stripe, not 'HubSpot'",
                file + ":7: mapping.company.transform: must be one of trim, lowercase or uppercase, not 'titlecase'",
                file + ":8: schedule: cron expression '0 0 0 1 1 ? 2001' never fires",
                file + ":10: cursor: applies only to sync_mode: incremental; full and mirror read every row",
                folder + ": 1 sync file, 1 invalid");
    }

    @Test
    void aSyncNamingAnUnknownWarehouseIsInvalidWithTheNamesThatExist() throws IOException {
        String valid = LEADS.replace("    transform: titlecase\n", "").replace("colour: blue\n", "");
        write("leads.yaml", valid.replace("destination: salesforce", "warehouse: analytcs\ndestination: salesforce"));
        write("usage.yaml", valid.replace("destination: salesforce", "warehouse: analytics\ndestination: salesforce"));

        int exit = validate(folder.toString(), "--sluice.warehouses.analytics.url=jdbc:snowflake://acme");

        assertThat(exit).isEqualTo(ValidateCommand.INVALID);
        assertThat(output()).containsExactly(
                folder.resolve("leads.yaml") + ":3: warehouse: unknown warehouse 'analytcs'; one of [analytics, default]",
                folder + ": 2 sync files, 1 invalid");
    }

    @Test
    void aSyncNamingAnUnknownConnectionIsInvalidWithTheNamesThatExist() throws IOException {
        String valid = LEADS.replace("    transform: titlecase\n", "").replace("colour: blue\n", "");
        write("leads.yaml", valid.replace("destination: salesforce", "destination: salesforce\nconnection: sandbx"));
        write("usage.yaml", valid.replace("destination: salesforce", "destination: salesforce\nconnection: sandbox"));

        int exit = validate(folder.toString(), "--sluice.salesforce.connections.sandbox.login-url=https://test.salesforce.com",
                "--sluice.salesforce.connections.sandbox.client-id=3MVG9-sandbox");

        assertThat(exit).isEqualTo(ValidateCommand.INVALID);
        assertThat(output()).containsExactly(
                folder.resolve("leads.yaml") + ":4: connection: unknown connection 'sandbx'; one of [default, sandbox]",
                folder + ": 2 sync files, 1 invalid");
    }

    @Test
    void withAWarehouseEachQueryRunsAndMustReturnTheMappedColumns() throws IOException {
        TestDatabase warehouse = TestDatabases.h2("validate_warehouse");
        warehouse.jdbc().execute("CREATE SCHEMA crm");
        warehouse.jdbc().execute("CREATE TABLE crm.leads (email VARCHAR(100), company VARCHAR(100))");
        warehouse.jdbc().execute("INSERT INTO crm.leads VALUES ('ada@example.com', 'Analytical Engines')");
        write("leads.yaml", LEADS.replace("    transform: titlecase\n", "").replace("colour: blue\n", ""));
        write("contacts.yaml", LEADS.replace("    transform: titlecase\n", "").replace("colour: blue\n", "")
                .replace("SELECT email, company", "SELECT email"));
        write("accounts.yaml", LEADS.replace("    transform: titlecase\n", "").replace("colour: blue\n", "")
                .replace("crm.leads", "crm.accounts"));

        int exit = validate(folder.toString(), "--sluice.warehouse.url=" + warehouse.url(),
                "--sluice.warehouse.username=" + warehouse.username(), "--sluice.warehouse.password=");

        assertThat(exit).isEqualTo(ValidateCommand.INVALID);
        assertThat(output()).containsExactly(
                folder.resolve("accounts.yaml") + ":2: model.query: the warehouse rejects the query: Table "
                        + "\"ACCOUNTS\" not found",
                folder.resolve("contacts.yaml") + ":6: mapping.company: column 'company' is not returned by the "
                        + "model query (it returns [email])",
                folder + ": 3 sync files, 2 invalid");
    }

    @Test
    void aScheduleFiringTooOftenIsPrintedWithItsLineAndIntervalUnlessTheMinimumIsLowered() throws IOException {
        String leads = LEADS.replace("    transform: titlecase\n", "").replace("colour: blue\n", "");
        write("typo.yaml", leads.replace("every_hour", "'99 99 * * * ?'"));
        write("seconds.yaml", leads.replace("every_hour", "'0/1 * * * * ?'"));

        assertThat(validate(folder.toString())).isEqualTo(ValidateCommand.INVALID);
        assertThat(output()).containsExactly(
                folder.resolve("seconds.yaml") + ":8: schedule: cron expression '0/1 * * * * ?' fires every 1s, "
                        + "more often than sluice.schedule.min-interval (1m) allows",
                folder.resolve("typo.yaml") + ":8: schedule: cron expression '99 99 * * * ?' fires every 1s: Quartz "
                        + "silently wraps values out of range instead of refusing them, here seconds 99 (0-59), "
                        + "minutes 99 (0-59)",
                folder + ": 2 sync files, 2 invalid");

        printed.reset();
        assertThat(validate(folder.toString(), "--sluice.schedule.min-interval=1s"))
                .isEqualTo(ValidateCommand.INVALID);
        assertThat(output()).as("a wrapped value is a typo whatever the minimum").containsExactly(
                folder.resolve("typo.yaml") + ":8: schedule: cron expression '99 99 * * * ?' fires every 1s: Quartz "
                        + "silently wraps values out of range instead of refusing them, here seconds 99 (0-59), "
                        + "minutes 99 (0-59)",
                folder + ": 2 sync files, 1 invalid");
    }

    @Test
    void processorsRouteFilesAndTheMappingsObjectFormAreCheckedEachMistakeWithItsLine() throws IOException {
        Path processors = Files.createDirectories(folder.resolve("processors"));
        Path routes = Files.createDirectories(folder.resolve("routes"));
        Files.writeString(processors.resolve("tidy.groovy"), "record.name = record.name.trim()\n");
        Files.writeString(processors.resolve("unfinished.groovy"), "record.a = 1\nrecord.b = = 2\n");
        String leads = LEADS.replace("    transform: titlecase\n", "").replace("colour: blue\n", "");
        Files.writeString(routes.resolve("leads.yaml"), leads + "processors: [tidy, unfinished, missing]\n");
        Files.writeString(routes.resolve("dates.yaml"), leads.replace("    field: Company\n",
                "    field: Company\n    format: dd/MM/yyyy\n"));
        Files.writeString(routes.resolve("outbox.camel.yaml"), """
                - route:
                    from:
                      uri: direct:outbox
                      steps:
                        - tooo: log:outbox
                """);
        Files.writeString(routes.resolve("fine.camel.yaml"), """
                - route:
                    from:
                      uri: direct:fine
                      steps:
                        - to: log:fine
                """);

        int exit = validate(routes.toString(), "--sluice.processors.dir=" + processors);

        assertThat(exit).isEqualTo(ValidateCommand.INVALID);
        List<String> lines = output();
        assertThat(lines.get(0)).isEqualTo(processors.resolve("unfinished.groovy") + ":2: Unexpected input: '='");
        assertThat(lines.get(1)).startsWith(routes.resolve("outbox.camel.yaml") + ":").contains("tooo");
        assertThat(lines.subList(2, lines.size())).containsExactly(
                routes.resolve("dates.yaml") + ":6: mapping.company.type: is missing",
                routes.resolve("leads.yaml") + ":10: processors[1]: processor 'unfinished' does not compile: "
                        + processors.resolve("unfinished.groovy") + ":2: Unexpected input: '='",
                routes.resolve("leads.yaml") + ":10: processors[2]: no processor 'missing' in " + processors
                        + " (it holds [tidy, unfinished])",
                routes + ": 2 sync files, 2 invalid");
    }

    @Test
    void withoutAFolderItPrintsItsUsageAndExitsWithTwo() {
        assertThat(validate()).isEqualTo(ValidateCommand.USAGE);
        assertThat(output().get(0)).startsWith("usage: java -jar sluice.jar validate <folder>");

        printed.reset();
        assertThat(validate(folder.resolve("missing").toString())).isEqualTo(ValidateCommand.USAGE);
        assertThat(output()).containsExactly(folder.resolve("missing") + ": no such folder");
    }

    private int validate(String... args) {
        return ValidateCommand.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private List<String> output() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }
}
