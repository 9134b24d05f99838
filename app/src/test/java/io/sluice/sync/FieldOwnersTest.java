package io.sluice.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.sync.FieldMapping.Nulls;
import io.sluice.sync.FieldMapping.Transform;
import io.sluice.sync.FieldMapping.Write;

/** {@code write} and {@code nulls} per mapped field, as the loader reads them. */
class FieldOwnersTest {

    private final SyncFileLoader loader = new SyncFileLoader(
            List.of(new SyncFileLoaderTest.StubDestination("salesforce", "Lead")));

    @TempDir
    Path dir;

    @Test
    void eachFieldSaysWhenItIsWrittenAndWhetherANullIsSent() throws IOException {
        SyncDefinition sync = load("""
                  source: {field: LeadSource, write: on_create}
                  phone: {field: Phone, nulls: skip, transform: trim}
                """).definition().orElseThrow();

        assertThat(sync.mapping()).containsExactly(
                new FieldMapping("email", "Email", Transform.NONE, Write.ALWAYS, Nulls.SEND),
                new FieldMapping("source", "LeadSource", Transform.NONE, Write.ON_CREATE, Nulls.SEND),
                new FieldMapping("phone", "Phone", Transform.TRIM, Write.ALWAYS, Nulls.SKIP));
        assertThat(sync.mapping().get(1).sends("Ads", true)).isTrue();
        assertThat(sync.mapping().get(1).sends("Ads", false)).isFalse();
        assertThat(sync.mapping().get(2).sends(null, true)).isFalse();
        assertThat(sync.mapping().get(2).sends("+1 555", false)).isTrue();
    }

    @Test
    void ifEmptyIsRefusedWhereTheDestinationCannotReadItsRecordsCurrentValues() throws IOException {
        List<SyncFileProblem> problems = load("""
                  source: {field: LeadSource, write: if_empty}
                  phone: Phone
                """).problems();

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("mapping.source.write");
            assertThat(problem.message()).contains("if_empty", "does not read its records' current values");
        });
    }

    @Test
    void theRecordKeyIsAlwaysWritten() throws IOException {
        LoadedSyncFile loaded = loader.load(Files.writeString(dir.resolve("leads.yaml"), """
                model:
                  query: SELECT email, phone FROM leads
                destination: salesforce
                mapping:
                  email: {field: Email, nulls: skip}
                  phone: Phone
                schedule: manual
                sync_mode: full
                """));

        assertThat(loaded.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("mapping.email");
            assertThat(problem.message()).contains("record key", "always written");
        });
    }

    private LoadedSyncFile load(String moreMapping) throws IOException {
        return loader.load(Files.writeString(dir.resolve("leads.yaml"), """
                model:
                  query: SELECT email, source, phone FROM leads
                destination: salesforce
                mapping:
                  email: Email
                %s
                schedule: manual
                sync_mode: full
                """.formatted(moreMapping.stripTrailing())));
    }
}
