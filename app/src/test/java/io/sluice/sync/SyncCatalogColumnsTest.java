package io.sluice.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sluice.sync.FieldMapping.Transform;

class SyncCatalogColumnsTest {

    private static final Path FILE = Path.of("routes", "leads.yaml");

    private final SyncDefinition sync = new SyncDefinition("leads", FILE, "leads",
            "SELECT email, company, updated_at FROM leads", "email", Optional.of("updated_at"),
            List.of(new FieldMapping("email", "Email", Transform.NONE),
                    new FieldMapping("company", "Company", Transform.NONE)),
            "salesforce", "Lead", "Email", new Schedule("every_hour", "0 0 * * * ?"), SyncMode.INCREMENTAL,
            DestinationSettings.NONE,
                GuardOverrides.NONE, AlertRules.GLOBAL, List.of());

    @Test
    void upperCaseLabelsAsH2ReturnsThemMatchTheMappedColumns() {
        assertThat(SyncCatalog.missingColumns(sync, Set.of("EMAIL", "COMPANY", "UPDATED_AT"))).isEmpty();
    }

    @Test
    void aMappedColumnTheQueryDoesNotReturnIsReportedOnItsMappingLine() {
        List<SyncFileProblem> problems = SyncCatalog.missingColumns(sync, Set.of("EMAIL", "UPDATED_AT"));

        assertThat(problems).hasSize(1);
        SyncFileProblem problem = problems.get(0);
        assertThat(problem.file()).isEqualTo(FILE.toString());
        assertThat(problem.field()).isEqualTo("mapping.company");
        assertThat(problem.message())
                .isEqualTo("column 'company' is not returned by the model query (it returns [email, updated_at])");
    }

    @Test
    void aCursorColumnTheQueryDoesNotReturnIsReportedOnTheCursor() {
        List<SyncFileProblem> problems = SyncCatalog.missingColumns(sync, Set.of("email", "company"));

        assertThat(problems).containsExactly(new SyncFileProblem(FILE.toString(), "cursor",
                "column 'updated_at' is not returned by the model query"));
    }

    @Test
    void everyMissingColumnIsReported() {
        List<SyncFileProblem> problems = SyncCatalog.missingColumns(sync, Set.of("LEAD_ID"));

        assertThat(problems).extracting(SyncFileProblem::field)
                .containsExactly("mapping.email", "mapping.company", "cursor");
    }
}
