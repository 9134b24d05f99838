package io.sluice.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.sluice.destinations.Destinations;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.Schedule;
import io.sluice.sync.SyncFileLoader;
import io.sluice.sync.SyncMode;

/**
 * Keeps {@code schema/sync-file.schema.json} — what editors check sync files with — in step with the loader:
 * the keys and choices the loader knows (taken from its own constants) are the schema's, every shipped sync
 * file passes both, and mistakes are caught by both.
 */
class SyncFileSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode schemaTree;
    private static JsonSchema schema;
    private static ConfigurableApplicationContext destinations;
    private static SyncFileLoader loader;

    @TempDir
    Path folder;

    @BeforeAll
    static void load() throws IOException {
        schemaTree = new ObjectMapper().readTree(Path.of("schema/sync-file.schema.json").toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaTree);
        destinations = new SpringApplicationBuilder(ValidateConfiguration.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).registerShutdownHook(false).run();
        loader = new SyncFileLoader(destinations.getBean(Destinations.class).byName());
    }

    @AfterAll
    static void close() {
        destinations.close();
    }

    @Test
    void everyShippedSyncFilePassesTheSchemaAndTheLoader() throws IOException {
        List<Path> files;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            files = routes.sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(schemaErrors(Files.readString(file))).as(file.toString()).isEmpty();
            assertThat(loader.load(file).problems()).as(file.toString()).isEmpty();
            assertThat(Files.readString(file)).as(file + " names the schema for editors")
                    .startsWith("# yaml-language-server: $schema=../schema/sync-file.schema.json\n");
        }
    }

    @Test
    void theSchemaKnowsExactlyTheKeysTheLoaderKnows() throws ReflectiveOperationException {
        Set<String> destinationNames = destinations.getBean(Destinations.class).byName().keySet();
        Set<String> topLevel = new TreeSet<>(constant("io.sluice.sync.SyncFileLoader", "COMMON_FIELDS"));
        topLevel.addAll(destinationNames);

        assertThat(keys("/properties")).isEqualTo(topLevel);
        assertThat(choices("/properties/destination")).isEqualTo(new TreeSet<>(destinationNames));
        assertThat(keys("/properties/model/properties")).isEqualTo(constant("io.sluice.sync.SyncFileLoader", "MODEL_FIELDS"));
        assertThat(keys("/properties/guards/properties")).isEqualTo(constant("io.sluice.sync.SyncFileLoader", "GUARD_FIELDS"));
        assertThat(keys("/properties/alerts/properties")).isEqualTo(constant("io.sluice.sync.SyncFileLoader", "ALERT_FIELDS"));
        assertThat(keys("/properties/mapping/additionalProperties/oneOf/1/properties"))
                .isEqualTo(constant("io.sluice.sync.SyncFileLoader", "FIELD_RULE_FIELDS"));
        assertThat(choices("/properties/mapping/additionalProperties/oneOf/1/properties/transform")).isEqualTo(
                names(Arrays.stream(FieldMapping.Transform.values()).filter(t -> t != FieldMapping.Transform.NONE)
                        .map(t -> t.name().toLowerCase(Locale.ROOT)).toList()));
        assertThat(choices("/properties/sync_mode"))
                .isEqualTo(names(Arrays.stream(SyncMode.values()).map(SyncMode::yamlName).toList()));
        Set<String> schedules = new TreeSet<>(((Map<String, String>) staticField(Schedule.class, "NAMED")).keySet());
        schedules.add(Schedule.MANUAL);
        assertThat(choices("/properties/schedule/anyOf/0")).isEqualTo(schedules);

        assertThat(keys("/properties/salesforce/properties")).isEmpty();
        assertThat(keys("/properties/hubspot/properties"))
                .isEqualTo(constant("io.sluice.destinations.hubspot.HubSpotSettings", "KNOWN"));
        assertThat(keys("/properties/slack/properties"))
                .isEqualTo(constant("io.sluice.destinations.slack.SlackSettings", "KEYS"));
        assertThat(choices("/properties/slack/properties/initial_run"))
                .isEqualTo(constant("io.sluice.destinations.slack.SlackSettings", "INITIAL_RUNS"));
        assertThat(keys("/properties/stripe/properties"))
                .isEqualTo(constant("io.sluice.destinations.stripe.StripeSettings", "KEYS"));
        assertThat(choices("/properties/stripe/properties/match_by"))
                .isEqualTo(enumField("io.sluice.destinations.stripe.StripeSettings$MatchBy", "yamlName"));
        assertThat(choices("/properties/stripe/properties/customer_fields/items"))
                .isEqualTo(enumField("io.sluice.destinations.stripe.CustomerField", "fieldName"));
        String http = "io.sluice.destinations.http.HttpSettingsReader";
        assertThat(keys("/properties/http/properties")).isEqualTo(constant(http, "FIELDS"));
        assertThat(keys("/definitions/call/properties")).isEqualTo(constant(http, "CALL_FIELDS"));
        assertThat(keys("/properties/http/properties/delete/properties")).isEqualTo(constant(http, "CALL_FIELDS"));
        assertThat(keys("/properties/http/properties/rate_limit/properties")).isEqualTo(constant(http, "RATE_LIMIT_FIELDS"));
        assertThat(upperCase(choices("/definitions/writeMethod"))).isEqualTo(constant(http, "WRITE_METHODS"));
        assertThat(upperCase(choices("/properties/http/properties/delete/properties/method")))
                .isEqualTo(constant(http, "DELETE_METHODS"));
    }

    @Test
    void mistakesAreCaughtByTheSchemaAndByTheLoader() throws IOException {
        String valid = """
                model:
                  query: SELECT email, company FROM crm.leads
                destination: salesforce
                mapping:
                  email: Email
                  company: {field: Company, transform: trim}
                schedule: every_hour
                sync_mode: full
                """;
        assertThat(schemaErrors(valid)).isEmpty();
        assertThat(load(valid).problems()).isEmpty();

        Map<String, String> broken = Map.ofEntries(
                Map.entry("unknown top-level field", valid + "colour: blue\n"),
                Map.entry("no model", valid.replace("model:\n  query: SELECT email, company FROM crm.leads\n", "")),
                Map.entry("unknown model field", valid.replace("model:\n", "model:\n  table: leads\n")),
                Map.entry("unknown destination", valid.replace("destination: salesforce", "destination: marketo")),
                Map.entry("unknown sync mode", valid.replace("sync_mode: full", "sync_mode: upsert")),
                Map.entry("unknown schedule", valid.replace("every_hour", "hourly")),
                Map.entry("unknown transform", valid.replace("transform: trim", "transform: titlecase")),
                Map.entry("empty mapping", valid.replace("  email: Email\n  company: {field: Company, transform: trim}\n", "")
                        .replace("mapping:\n", "mapping: {}\n")),
                Map.entry("not a column name", valid.replace("  email: Email", "  e-mail: Email")),
                Map.entry("cursor outside incremental", valid + "cursor: updated_at\n"),
                Map.entry("guard share above 100", valid + "guards:\n  max_delete_percent: 150\n"),
                Map.entry("unknown guard", valid + "guards:\n  max_rows: 10\n"),
                Map.entry("another destination's block", valid + "hubspot:\n  batch_size: 10\n"),
                Map.entry("hubspot batch too large", valid.replace("salesforce", "hubspot")
                        .replace("Email", "email").replace("Company", "company") + "hubspot:\n  batch_size: 500\n"),
                Map.entry("slack without a channel", valid.replace("destination: salesforce", "destination: slack")
                        .replace("sync_mode: full", "sync_mode: incremental") + "slack:\n  text: Hi {{email}}\n"),
                Map.entry("slack initial_run", valid.replace("destination: salesforce", "destination: slack")
                        + "slack:\n  channel: \"#sales\"\n  text: Hi\n  initial_run: always\n"),
                Map.entry("stripe match_by", valid.replace("destination: salesforce", "destination: stripe")
                        .replace("Email", "email").replace("Company", "company") + "stripe:\n  match_by: phone\n"),
                Map.entry("http method", valid.replace("destination: salesforce", "destination: http")
                        + "http:\n  url: \"{{config:crm}}/leads\"\n  method: GET\n"),
                Map.entry("http unknown field", valid.replace("destination: salesforce", "destination: http")
                        + "http:\n  url: \"{{config:crm}}/leads\"\n  timeout: 5s\n"),
                Map.entry("http 429 as success", valid.replace("destination: salesforce", "destination: http")
                        + "http:\n  url: \"{{config:crm}}/leads\"\n  success_statuses: [200, 429]\n"));
        broken.forEach((mistake, text) -> {
            assertThat(schemaErrors(text)).as("schema: " + mistake).isNotEmpty();
            assertThat(load(text).problems()).as("loader: " + mistake).isNotEmpty();
        });
    }

    private LoadedSyncFile load(String text) {
        try {
            Path file = Files.writeString(folder.resolve("sync.yaml"), text);
            return loader.load(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<ValidationMessage> schemaErrors(String yaml) {
        try {
            return schema.validate(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> keys(String pointer) {
        return names(iterable(schemaTree.at(pointer).fieldNames()));
    }

    private static Set<String> choices(String pointer) {
        JsonNode choices = schemaTree.at(pointer + "/enum");
        assertThat(choices.isArray()).as(pointer + " has an enum").isTrue();
        return names(iterable(choices.elements()).stream().map(JsonNode::asText).toList());
    }

    private static Set<String> upperCase(Set<String> names) {
        return names(names.stream().map(name -> name.toUpperCase(Locale.ROOT)).toList());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private static Set<String> names(Collection<String> names) {
        return new TreeSet<>(names);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> constant(String className, String field) throws ReflectiveOperationException {
        return names((Collection<String>) staticField(Class.forName(className), field));
    }

    private static Object staticField(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    private static Set<String> enumField(String enumName, String fieldName) throws ReflectiveOperationException {
        Class<?> type = Class.forName(enumName);
        Field field = type.getDeclaredField(fieldName);
        field.setAccessible(true);
        Set<String> values = new TreeSet<>();
        for (Object constant : type.getEnumConstants()) {
            values.add((String) field.get(constant));
        }
        return values;
    }
}
