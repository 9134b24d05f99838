package io.sluice.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The admin API's documentation lists every problem type a client can meet, with its status. */
class ProblemTypesDocumentedTest {

    @Test
    void docsAdminApiListsEveryProblemType() throws IOException {
        String document = Files.readString(Path.of("docs/admin-api.md"));

        assertThat(document).contains("(after `https://sluice.dev/problems/`)");
        assertThat(Arrays.stream(ProblemType.values()).map(type -> "| `"
                + type.uri().toString().replace("https://sluice.dev/problems/", "") + "` | "
                + type.status().value() + " |")).allSatisfy(row -> assertThat(document).contains(row));
    }
}
