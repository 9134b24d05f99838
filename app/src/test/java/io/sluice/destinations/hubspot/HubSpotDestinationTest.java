package io.sluice.destinations.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.sync.FieldMapping;
import io.sluice.sync.FieldMapping.Transform;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncFileProblem;

class HubSpotDestinationTest {

    private final HubSpotDestination hubspot = new HubSpotDestination(java.util.Set.of(), null);
    private final SyncFileLoader loader = new SyncFileLoader(List.of(hubspot));

    @TempDir
    Path dir;

    @Test
    void theShippedDemoSyncLoadsAsWritten() {
        LoadedSyncFile loaded = loader.load(Path.of("routes/hubspot_contacts.yaml"));

        assertThat(loaded.problems()).isEmpty();
        SyncDefinition sync = loaded.definition().orElseThrow();
        assertThat(sync.object()).isEqualTo("contacts");
        assertThat(sync.primaryKey()).isEqualTo("customer_id");
        assertThat(sync.externalIdField()).isEqualTo("email");
        assertThat(sync.mapping()).contains(new FieldMapping("email", "email", Transform.LOWERCASE),
                new FieldMapping("first_name", "firstname", Transform.NONE));
        assertThat(hubspot.batchSize(sync)).isEqualTo(100);
    }

    @Test
    void defaultsAreContactsMatchedOnTheKeysPropertyInBatchesOfOneHundred() throws IOException {
        SyncDefinition sync = load("""
                mapping:
                  email: email
                  company: company
                """).definition().orElseThrow();

        assertThat(sync.object()).isEqualTo("contacts");
        assertThat(sync.externalIdField()).isEqualTo("email");
        assertThat(hubspot.batchSize(sync)).isEqualTo(HubSpotSettings.MAX_BATCH_SIZE);
    }

    @Test
    void theSettingsBlockSetsTheBatchSize() throws IOException {
        SyncDefinition sync = load("""
                object: p_custom_thing
                mapping:
                  email: thing_key
                hubspot:
                  batch_size: 25
                """).definition().orElseThrow();

        assertThat(hubspot.batchSize(sync)).isEqualTo(25);
    }

    @Test
    void everyMistakeIsReportedWithItsFieldAndReason() throws IOException {
        LoadedSyncFile loaded = load("""
                object: Contact
                external_id_field: customer_id
                mapping:
                  email: Email
                  company: company
                hubspot:
                  batch_size: 500
                  colour: teal
                """);

        assertThat(loaded.definition()).isEmpty();
        assertThat(loaded.problems()).extracting(SyncFileProblem::field).containsExactlyInAnyOrder(
                "hubspot.batch_size", "hubspot.colour", "object", "mapping.email", "external_id_field");
        assertThat(loaded.problems()).allSatisfy(problem -> assertThat(problem.file()).endsWith("contacts.yaml"));
        assertThat(message(loaded, "hubspot.batch_size")).contains("1 to 100", "500");
        assertThat(message(loaded, "hubspot.colour")).contains("unknown field", "batch_size");
        assertThat(message(loaded, "object")).contains("'Contact'", "contacts", "p_<name>", "2-1234567");
        assertThat(message(loaded, "mapping.email")).contains("'Email'", "lower-case");
        assertThat(message(loaded, "external_id_field")).contains("'customer_id' is not mapped");
    }

    @Test
    void aBatchSizeMustBeAWholeNumber() throws IOException {
        LoadedSyncFile loaded = load("""
                mapping:
                  email: email
                hubspot:
                  batch_size: ten
                """);

        assertThat(message(loaded, "hubspot.batch_size")).contains("whole number", "'ten'");
    }

    @Test
    void theShippedAudienceSyncKeepsListOne() {
        LoadedSyncFile loaded = loader.load(Path.of("routes/high_value_at_risk.yaml"));

        assertThat(loaded.problems()).isEmpty();
        HubSpotSettings settings = loaded.definition().orElseThrow().settings(HubSpotSettings.class);
        assertThat(settings.listId()).isEqualTo("1");
        assertThat(settings.keepsMembership()).isTrue();
    }

    @Test
    void aListIdIsANumber() throws IOException {
        LoadedSyncFile loaded = load("""
                mapping:
                  email: email
                hubspot:
                  list_id: 12a
                """);

        assertThat(loaded.problems()).extracting(SyncFileProblem::field).containsExactly("hubspot.list_id");
        assertThat(message(loaded, "hubspot.list_id")).contains("id of a HubSpot list");
    }

    @Test
    void aListMembershipSyncWritesNoFieldsAndSendsNoEvents() throws IOException {
        LoadedSyncFile loaded = load("""
                mapping:
                  email: email
                  company: company
                hubspot:
                  list_id: 12
                """, "append");

        assertThat(loaded.definition()).isEmpty();
        assertThat(message(loaded, "mapping.company")).contains("writes no fields", "email (external_id_field)");
        assertThat(message(loaded, "sync_mode")).contains("use mirror");
    }

    @Test
    void objectTypeIdsAndQualifiedCustomNamesAreObjectTypes() throws IOException {
        for (String object : new String[]{"companies", "2-1234567", "p24681357_custom_thing", "0-1"}) {
            assertThat(load("object: " + object + "\nmapping:\n  email: email\n").problems()).as(object).isEmpty();
        }
    }

    private LoadedSyncFile load(String specific) throws IOException {
        return load(specific, "full");
    }

    private LoadedSyncFile load(String specific, String mode) throws IOException {
        Path file = dir.resolve("contacts.yaml");
        Files.writeString(file, """
                model:
                  query: SELECT email, company FROM crm.contacts
                destination: hubspot
                schedule: manual
                sync_mode: %s
                """.formatted(mode) + specific);
        return loader.load(file);
    }

    private static String message(LoadedSyncFile loaded, String field) {
        return loaded.problems().stream().filter(problem -> problem.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + field + " in " + loaded.problems()))
                .message();
    }
}
