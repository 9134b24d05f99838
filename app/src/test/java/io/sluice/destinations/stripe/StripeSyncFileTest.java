package io.sluice.destinations.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.destinations.stripe.StripeSettings.MatchBy;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncFileProblem;

/** The {@code stripe:} block of sync files, read through the same loader Sluice starts with. */
class StripeSyncFileTest {

    private final SyncFileLoader loader = new SyncFileLoader(List.of(new StripeDestination(java.util.Set.of())));

    @TempDir
    Path dir;

    @Test
    void theShippedExampleWritesThreeFactsIntoMetadataByCustomerId() {
        LoadedSyncFile loaded = loader.load(Path.of("routes/stripe_customer_facts.yaml"));

        assertThat(loaded.problems()).isEmpty();
        SyncDefinition sync = loaded.definition().orElseThrow();
        assertThat(sync.object()).isEqualTo("customer");
        StripeSettings settings = sync.settings(StripeSettings.class);
        assertThat(settings.matchBy()).isEqualTo(MatchBy.CUSTOMER_ID);
        assertThat(settings.metadataFields()).containsExactly("lifetime_value", "churn_score", "product_tier");
        assertThat(settings.customerFields()).isEmpty();
    }

    @Test
    void withoutAMetadataListEveryMappedFieldButTheKeyAndTheCustomerFieldsGoesToMetadata() throws IOException {
        StripeSettings settings = settings(sync("""
                  email: email
                  full_name: name
                  plan: plan
                  seats: seats
                """, """
                stripe:
                  match_by: email
                  customer_fields: [name]
                """));

        assertThat(settings.matchBy()).isEqualTo(MatchBy.EMAIL);
        assertThat(settings.metadataFields()).containsExactly("plan", "seats");
        assertThat(settings.customerFields()).containsExactly(CustomerField.NAME);
    }

    @Test
    void ifEmptyIsRefusedForWantOfABatchRead() throws IOException {
        assertThat(problems(sync("""
                  customer_id: id
                  plan: {field: plan, write: if_empty}
                """, ""))).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("mapping.plan.write");
            assertThat(problem.message()).contains("if_empty", "Stripe has no batch read", "never once per record");
        });
    }

    @Test
    void noBlockAtAllMeansMatchingByCustomerIdAndEverythingIntoMetadata() throws IOException {
        StripeSettings settings = settings(sync("""
                  customer_id: id
                  plan: plan
                """, ""));

        assertThat(settings.matchBy()).isEqualTo(MatchBy.CUSTOMER_ID);
        assertThat(settings.metadataFields()).containsExactly("plan");
    }

    @Test
    void everyMistakeInTheBlockIsNamedWithItsField() throws IOException {
        List<SyncFileProblem> problems = problems(sync("""
                  customer_id: id
                  plan: plan
                  seats: seats
                  full_name: name
                  score: score
                """, """
                object: invoice
                external_id_field: email
                stripe:
                  match_by: phone
                  metadata: [plan, plan, id, ghost, name]
                  customer_fields: [name, balance]
                  upsert: true
                """));

        assertThat(problems).extracting(SyncFileProblem::field, SyncFileProblem::message).contains(
                tuple("stripe.upsert",
                        "unknown field; expected one of [customer_fields, customer_key, event_name, match_by, metadata, value_key]"),
                tuple("stripe.match_by", "must be one of customer_id or email, not 'phone'"),
                tuple("stripe.metadata", "'plan' is listed twice"),
                tuple("stripe.metadata",
                        "'id' is the record key, which finds the customer; it is not written"),
                tuple("stripe.metadata",
                        "'ghost' is not a mapped field; mapped: [id, plan, seats, name, score]"),
                tuple("stripe.metadata",
                        "'name' is listed in customer_fields too; a field goes to one place"),
                tuple("stripe.metadata", "mapped field 'seats' is written nowhere; "
                        + "list it in stripe.metadata or stripe.customer_fields"),
                tuple("stripe.customer_fields[1]",
                        "must be one of name, email, phone or description, not 'balance'"),
                tuple("object",
                        "Stripe syncs write customers or meter events: leave object out, or write 'customer' or "
                                + "'meter_event'"),
                tuple("external_id_field",
                        "Stripe finds customers as stripe.match_by says; leave external_id_field out"));
        assertThat(problems).allSatisfy(problem -> assertThat(problem.file()).endsWith("sync.yaml"));
    }

    @Test
    void onlyTheCustomerFieldsSluiceKnowsCanBeWritten() throws IOException {
        List<SyncFileProblem> problems = problems(sync("""
                  customer_id: id
                  balance: balance
                """, """
                stripe:
                  customer_fields: [balance]
                """));

        assertThat(problems).extracting(SyncFileProblem::field, SyncFileProblem::message).containsExactly(
                tuple("stripe.customer_fields[0]",
                        "must be one of name, email, phone or description, not 'balance'"));
    }

    @Test
    void metadataKeysStripeWouldRefuseAreReportedAtStartUp() throws IOException {
        String fortyOne = "k".repeat(41);
        List<SyncFileProblem> tooLong = problems(sync("  customer_id: id\n  plan: " + fortyOne + "\n", ""));
        List<SyncFileProblem> bracket = problems(sync("  customer_id: id\n  plan: \"plan[tier]\"\n", ""));
        String fiftyOneFields = IntStream.rangeClosed(1, 51).mapToObj(i -> "  c" + i + ": f" + i)
                .collect(Collectors.joining("\n", "  customer_id: id\n", "\n"));
        List<SyncFileProblem> tooMany = problems(sync(fiftyOneFields, ""));

        assertThat(tooLong).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("stripe.metadata");
            assertThat(problem.message()).contains(fortyOne, "41 characters", "at most 40");
        });
        assertThat(bracket).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains("plan[tier]", "square bracket"));
        assertThat(tooMany).singleElement().satisfies(problem -> assertThat(problem.message())
                .isEqualTo("51 metadata keys, but Stripe allows at most 50"));
    }

    @Test
    void aSyncThatWritesNothingIsRefused() throws IOException {
        List<SyncFileProblem> problems = problems(sync("  customer_id: id\n", ""));

        assertThat(problems).extracting(SyncFileProblem::field, SyncFileProblem::message).containsExactly(
                tuple("stripe",
                        "nothing to write: map at least one field besides the record key 'id'"));
    }

    @Test
    void listsMustBeListsOfNames() throws IOException {
        List<SyncFileProblem> problems = problems(sync("  customer_id: id\n  plan: plan\n", """
                stripe:
                  metadata: plan
                  customer_fields: [1]
                """));

        assertThat(problems).extracting(SyncFileProblem::field, SyncFileProblem::message).contains(
                tuple("stripe.metadata",
                        "must be a list of mapped field names, e.g. [plan, churn_score], not 'plan'"),
                tuple("stripe.customer_fields[0]", "must be text, not 1"));
    }

    @Test
    void theShippedUsageSyncSendsMeterEventsWithStripesDefaultPayloadKeys() {
        LoadedSyncFile loaded = loader.load(Path.of("routes/stripe_usage.yaml"));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.definition().orElseThrow().settings(MeterEventSettings.class))
                .isEqualTo(new MeterEventSettings("api_calls", "stripe_customer_id", "value", "usage_id"));
    }

    @Test
    void aMeterEventSyncIsAnAppendSyncNamingItsMeterAndMappingItsPayloadKeys() throws IOException {
        Path file = sync("""
                  usage_id: usage_id
                  customer: customer
                  calls: value
                """, "object: meter_event\nstripe:\n  customer_key: stripe_customer_id\n  metadata: [value]\n");

        assertThat(problems(file)).extracting(SyncFileProblem::field, SyncFileProblem::message)
                .containsExactlyInAnyOrder(
                        tuple("sync_mode", "a meter event is usage, sent once and never updated: object meter_event "
                                + "needs sync_mode: append"),
                        tuple("stripe.event_name", "is missing: the event name of the meter the events count for"),
                        tuple("stripe", "match_by, metadata and customer_fields write customers; a meter event has "
                                + "none of them"),
                        tuple("mapping", "no column is mapped to the meter's payload key 'stripe_customer_id' (the "
                                + "record key's field is not sent: it makes the event's identifier); mapped: "
                                + "[customer, value]"));
    }

    private Path sync(String mapping, String extra) throws IOException {
        String columns = mapping.lines().map(line -> line.trim().split(":")[0]).collect(Collectors.joining(", "));
        Path file = dir.resolve("sync.yaml");
        Files.writeString(file, """
                model:
                  name: facts
                  query: SELECT %s FROM facts
                destination: stripe
                mapping:
                %s%s
                schedule: manual
                sync_mode: full
                """.formatted(columns, mapping, extra));
        return file;
    }

    private StripeSettings settings(Path file) {
        LoadedSyncFile loaded = loader.load(file);
        assertThat(loaded.problems()).isEmpty();
        return loaded.definition().orElseThrow().settings(StripeSettings.class);
    }

    private List<SyncFileProblem> problems(Path file) {
        return loader.load(file).problems();
    }
}
