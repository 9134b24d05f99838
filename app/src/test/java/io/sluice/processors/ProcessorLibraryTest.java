package io.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a processor's author sees: a compiled processor's verdicts, its errors with their lines, its reload. */
class ProcessorLibraryTest {

    @TempDir
    Path folder;

    @Test
    void aProcessorSetsAddsAndRemovesFieldsButNotTheRecordKey() throws IOException {
        ProcessorChain chain = chain("tidy", """
                record.name = "${record.first} ${record.last}"
                record.remove('first')
                record.remove('last')
                record.email = 'changed@example.com'
                record.score = 3
                """);

        ProcessorOutcome outcome = chain.apply("leads", "email",
                Map.of("email", "ada@example.com", "first", "Ada", "last", "Lovelace"));

        assertThat(outcome.kind()).isEqualTo(ProcessorOutcome.Kind.KEPT);
        assertThat(outcome.record()).containsEntry("email", "ada@example.com")
                .containsEntry("score", 3).doesNotContainKeys("first", "last");
        assertThat(outcome.record().get("name")).hasToString("Ada Lovelace");
    }

    @Test
    void aProcessorDropsRejectsThrowsOrRunsOutOfTime() throws IOException {
        ProcessorChain chain = chain("judge", """
                switch (record.verdict) {
                    case 'drop': drop()
                    case 'reject': reject("not today: ${record.email}")
                    case 'throw': throw new IllegalStateException('boom')
                    case 'loop': while (true) { record.spin = 1 }
                }
                """);

        assertThat(verdict(chain, "drop").kind()).isEqualTo(ProcessorOutcome.Kind.DROPPED);
        assertThat(verdict(chain, "reject")).extracting(ProcessorOutcome::code, ProcessorOutcome::message)
                .containsExactly("PROCESSOR_REJECTED", "judge: not today: a@example.com");
        assertThat(verdict(chain, "throw")).extracting(ProcessorOutcome::code, ProcessorOutcome::message)
                .containsExactly("PROCESSOR_FAILED", "judge (line 4): java.lang.IllegalStateException: boom");
        assertThat(verdict(chain, "loop")).extracting(ProcessorOutcome::code)
                .isEqualTo("PROCESSOR_TIMEOUT");
        assertThat(verdict(chain, "keep").kind()).isEqualTo(ProcessorOutcome.Kind.KEPT);
    }

    @Test
    void aProcessorThatDoesNotCompileIsReportedWithFileAndLineAndItsLastGoodVersionRuns() throws IOException {
        ProcessorLibrary library = library();
        write("upper", "record.name = record.name.toUpperCase()\n");
        long first = library.reread();
        write("upper", "record.name = record.name.toUpperCase()\nrecord.x = = 1\n");

        long second = library.reread();

        assertThat(second).isNotEqualTo(first);
        assertThat(library.problem("upper")).get().asString()
                .startsWith("processor 'upper' does not compile: " + folder.resolve("upper.groovy") + ":2: ");
        assertThat(library.problems()).singleElement().asString().contains("upper.groovy:2:");
        assertThat(library.chain(List.of("upper")).apply("s", "id", Map.of("id", "1", "name", "ada")).record())
                .containsEntry("name", "ADA");
        assertThat(library.problem("missing")).get().asString().contains("no processor 'missing'");
    }

    @Test
    void anEditedProcessorIsCompiledAgainOnTheNextRead() throws IOException {
        ProcessorLibrary library = library();
        write("source", "record.source = 'one'\n");
        library.reread();
        assertThat(library.chain(List.of("source")).apply("s", "id", Map.of("id", "1")).record())
                .containsEntry("source", "one");

        write("source", "record.source = 'two'\n");
        library.reread();

        assertThat(library.chain(List.of("source")).apply("s", "id", Map.of("id", "1")).record())
                .containsEntry("source", "two");
    }

    private ProcessorOutcome verdict(ProcessorChain chain, String verdict) {
        return chain.apply("leads", "email", Map.of("email", "a@example.com", "verdict", verdict));
    }

    private ProcessorChain chain(String name, String source) throws IOException {
        write(name, source);
        ProcessorLibrary library = library();
        library.reread();
        assertThat(library.problems()).isEmpty();
        return library.chain(List.of(name));
    }

    private ProcessorLibrary library() {
        return new ProcessorLibrary(new ProcessorProperties(folder.toString(), Duration.ofSeconds(1)));
    }

    private void write(String name, String source) throws IOException {
        Files.writeString(folder.resolve(name + ".groovy"), source);
    }
}
