package io.sluice.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;

import io.sluice.support.ObservedSluice;

/**
 * With structured logging on, a run's start, progress and end are JSON lines whose fields are its counts.
 * The lines go through the encoder {@code logging.structured.format.console: ecs} installs; it is attached
 * here because Spring Boot configures logging once per JVM, whichever test context started first.
 */
class RunLogTest extends ObservedSluice {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Environment environment;

    @Test
    void aRunLogsItsStartEveryHundredRowsAndItsEndWithAllCounts() {
        for (int i = 0; i < 250; i++) {
            warehouse().update("INSERT INTO crm.logged_leads VALUES (?, 'Acme')", "lead" + i + "@example.com");
        }
        warehouse().update("INSERT INTO crm.logged_leads VALUES ('lead0@example.com', 'Acme')");

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        SyncRun run = logAsEcs(output, () -> runner.run("logged_leads", SyncRun.Trigger.MANUAL));

        List<JsonNode> lines = output.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{"))
                .map(RunLogTest::parse)
                .filter(line -> line.path("sync").asText().equals("logged_leads"))
                .toList();
        assertThat(lines).extracting(line -> line.path("event").asText())
                .containsExactly("run_started", "run_progress", "run_progress", "run_finished");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("run_id").asLong()).isEqualTo(run.id());
            assertThat(line.path("destination").asText()).isEqualTo("salesforce");
        });
        assertThat(lines.get(1).path("rows_read").asLong()).isEqualTo(100);
        assertThat(lines.get(2).path("rows_read").asLong()).isEqualTo(200);
        JsonNode finished = lines.get(3);
        assertThat(finished.path("message").asText()).startsWith("Run " + run.id() + " of sync 'logged_leads' succeeded");
        assertThat(finished.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("rows_read").asLong()).isEqualTo(251);
        assertThat(finished.path("duplicates").asLong()).isEqualTo(1);
        assertThat(finished.path("created").asLong()).isEqualTo(250);
        assertThat(finished.path("updated").asLong()).isZero();
        assertThat(finished.path("unchanged").asLong()).isZero();
        assertThat(finished.path("deleted").asLong()).isZero();
        assertThat(finished.path("failed").asLong()).isZero();
        assertThat(finished.path("dead_lettered").asLong()).isZero();
        assertThat(finished.has("duration_ms")).isTrue();
    }

    private <T> T logAsEcs(ByteArrayOutputStream output, Supplier<T> action) {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (logback.getObject(Environment.class.getName()) == null) {
            logback.putObject(Environment.class.getName(), environment);
        }
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(logback);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(logback);
        appender.setEncoder(encoder);
        appender.setOutputStream(output);
        appender.start();
        Logger runLog = logback.getLogger(RunLog.class);
        runLog.addAppender(appender);
        try {
            return action.get();
        } finally {
            runLog.detachAppender(appender);
            appender.stop();
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
