package io.sluice.destinations.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.destinations.DeliveryBatch;
import io.sluice.destinations.RateLimit;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncFileProblem;

/** What a sync file keeping a campaign's members may say, checked when it loads. */
class SalesforceCampaignSyncFileTest {

    private final SalesforceDestination salesforce = new SalesforceDestination(new SalesforceProperties(
            new RateLimit(10, Duration.ofSeconds(1)), 10_000, 10_000, Duration.ofSeconds(5), Duration.ofHours(1),
            java.util.Map.of()), null);
    private final SyncFileLoader loader = new SyncFileLoader(List.of(salesforce));

    @TempDir
    Path dir;

    @Test
    void aCampaignOfContactsFoundByEmailLoadsAndNeverGoesInBulk() throws IOException {
        LoadedSyncFile loaded = load("Contact", "701000000000001", "sync_mode: mirror", "");

        assertThat(loaded.problems()).isEmpty();
        SyncDefinition sync = loaded.definition().orElseThrow();
        assertThat(SalesforceSettings.campaign(sync)).isEqualTo("701000000000001");
        assertThat(salesforce.batchSize(sync, DeliveryBatch.Operation.UPSERT, 1_000_000))
                .isEqualTo(SalesforceDestination.COLLECTION_LIMIT);
    }

    @Test
    void everyMistakeIsReportedWithItsField() throws IOException {
        LoadedSyncFile loaded = load("Account", "701000000000001", "sync_mode: append", "  name: Name\n");
        LoadedSyncFile keyedByName = load("Contact", "701000000000001", "sync_mode: mirror", "  name: Name\n",
                "name");
        LoadedSyncFile notACampaign = load("Contact", "003000000000001", "sync_mode: mirror", "");

        assertThat(loaded.definition()).isEmpty();
        assertThat(loaded.problems()).extracting(SyncFileProblem::field)
                .contains("object", "sync_mode", "mapping.name");
        assertThat(message(loaded, "object")).contains("Contact or Lead", "'Account'");
        assertThat(message(loaded, "mapping.name")).contains("writes no fields");
        assertThat(message(notACampaign, "salesforce.campaign_id")).contains("Campaign's id", "701");
        assertThat(message(keyedByName, "model.primary_key")).contains("map the primary key to Email");
    }

    private LoadedSyncFile load(String object, String campaign, String mode, String moreMapping) throws IOException {
        return load(object, campaign, mode, moreMapping, "email");
    }

    private LoadedSyncFile load(String object, String campaign, String mode, String moreMapping, String primaryKey)
            throws IOException {
        Path file = dir.resolve("win_back.yaml");
        Files.writeString(file, """
                model:
                  primary_key: %s
                  query: SELECT email, name FROM segments
                destination: salesforce
                object: %s
                external_id_field: Email
                mapping:
                  email: Email
                %ssalesforce:
                  campaign_id: '%s'
                schedule: manual
                %s
                """.formatted(primaryKey, object, moreMapping, campaign, mode));
        return loader.load(file);
    }

    private static String message(LoadedSyncFile loaded, String field) {
        return loaded.problems().stream().filter(problem -> problem.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + field + " in " + loaded.problems()))
                .message();
    }
}
