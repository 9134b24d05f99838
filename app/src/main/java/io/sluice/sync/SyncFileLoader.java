package io.sluice.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import io.sluice.destinations.Destination;

/**
 * Reads one sync file and either builds its {@link SyncDefinition} or lists every problem found, so
 * a person fixing the file sees them all at once.
 */
public class SyncFileLoader {

    // no "name": a sync is named after its file, so two files can never claim one name; besides these,
    // a file may hold one block named after its destination
    private static final Set<String> COMMON_FIELDS = Set.of(
            "model", "destination", "object", "external_id_field", "mapping", "schedule", "sync_mode", "cursor",
            "guards", "alerts");
    private static final Set<String> MODEL_FIELDS = Set.of("name", "query", "primary_key");
    private static final Set<String> FIELD_RULE_FIELDS = Set.of("field", "transform");
    private static final Set<String> GUARD_FIELDS = Set.of(
            "enabled", "max_delete_percent", "max_change_percent", "min_records", "min_previous_rows");
    private static final Set<String> ALERT_FIELDS = Set.of("enabled", "run_failed", "rejected_rows_percent", "late",
            "row_count_deviation_percent", "row_count_runs", "open_dead_letters");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
    };

    // a key written twice is a mistake to report, not a value to drop silently
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final Map<String, Destination> destinations;
    private final Duration minInterval;

    /** With {@code sluice.schedule.min-interval} at its default. */
    public SyncFileLoader(Map<String, Destination> destinations) {
        this(destinations, DurationStyle.detectAndParse(ScheduleProperties.DEFAULT_MIN_INTERVAL));
    }

    /** @param minInterval {@code sluice.schedule.min-interval}: a cron schedule firing more often is refused */
    public SyncFileLoader(Map<String, Destination> destinations, Duration minInterval) {
        this.destinations = destinations;
        this.minInterval = minInterval;
    }

    public LoadedSyncFile load(Path file) {
        try {
            return load(file, Files.readString(file));
        } catch (IOException e) {
            return LoadedSyncFile.invalid(syncName(file), file,
                    List.of(new SyncFileProblem(file.toString(), "", "cannot be read: " + e.getMessage())));
        }
    }

    /** @param text the file's content, as the caller read it */
    public LoadedSyncFile load(Path file, String text) {
        String syncName = syncName(file);
        Problems problems = new Problems(file.toString());
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("", "not valid YAML: " + e.getOriginalMessage() + errorLine(e));
            return LoadedSyncFile.invalid(syncName, file, problems.list);
        }
        if (root == null || !root.isObject()) {
            problems.add("", "must be a YAML mapping with model, destination, mapping, schedule and sync_mode");
            return LoadedSyncFile.invalid(syncName, file, problems.list);
        }
        Optional<SyncDefinition> definition = definition(syncName, file, (ObjectNode) root, problems);
        return problems.list.isEmpty() && definition.isPresent()
                ? LoadedSyncFile.valid(definition.get())
                : LoadedSyncFile.invalid(syncName, file, problems.list);
    }

    private static String syncName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** SnakeYAML knows where the problem is; Jackson only where it stopped reading. */
    private static String errorLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return " (line " + (marked.getProblemMark().getLine() + 1) + ")";
        }
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private Optional<SyncDefinition> definition(String syncName, Path file, ObjectNode root, Problems problems) {
        Set<String> topLevelFields = new TreeSet<>(COMMON_FIELDS);
        topLevelFields.addAll(destinations.keySet());
        unknownFields(root, topLevelFields, "", problems);

        JsonNode model = root.get("model");
        String modelName = null;
        String query = null;
        String primaryKey = null;
        String cursor = text(root, "cursor", problems, "cursor");
        if (model == null || !model.isObject()) {
            problems.add("model", model == null ? "is missing" : "must be a mapping with name and query");
        } else {
            unknownFields(model, MODEL_FIELDS, "model.", problems);
            modelName = text(model, "name", problems, "model.name");
            query = text(model, "query", problems, "model.query");
            if ((query == null && !model.hasNonNull("query")) || (query != null && query.isBlank())) {
                problems.add("model.query", "is missing: the SQL that selects the rows to sync");
            } else if (query != null) {
                ReadOnlyQuery.problem(query).ifPresent(reason -> problems.add("model.query", reason));
            }
            primaryKey = text(model, "primary_key", problems, "model.primary_key");
        }

        String destinationName = text(root, "destination", problems, "destination");
        Destination destination = null;
        if (destinationName == null) {
            missing(root, "destination", problems, "is missing; one of " + destinations.keySet());
        } else {
            destination = destinations.get(destinationName.toLowerCase(Locale.ROOT));
            if (destination == null) {
                problems.add("destination", "unknown destination '" + destinationName + "'; one of "
                        + destinations.keySet());
            }
        }

        List<FieldMapping> mapping = mapping(root.get("mapping"), problems);

        Schedule schedule = null;
        String scheduleText = text(root, "schedule", problems, "schedule");
        if (scheduleText == null) {
            missing(root, "schedule", problems, "is missing; every_minute, every_15_minutes, every_hour, every_day, "
                    + "a Quartz cron expression, or manual");
        } else {
            try {
                schedule = Schedule.parse(scheduleText, minInterval);
            } catch (IllegalArgumentException e) {
                problems.add("schedule", e.getMessage());
            }
        }

        SyncMode mode = null;
        String modeText = text(root, "sync_mode", problems, "sync_mode");
        if (modeText == null) {
            missing(root, "sync_mode", problems, "is missing; incremental, full or mirror");
        } else {
            mode = SyncMode.fromYaml(modeText.trim()).orElse(null);
            if (mode == null) {
                problems.add("sync_mode", "unknown mode '" + modeText + "'; incremental, full or mirror");
            }
        }

        if (!mapping.isEmpty()) {
            if (primaryKey == null) {
                primaryKey = mapping.get(0).column();
            } else if (!mapsColumn(mapping, primaryKey)) {
                problems.add("model.primary_key", "column '" + primaryKey
                        + "' is not mapped; the record key must be sent to the destination to match records");
            }
        }
        if (cursor != null && !IDENTIFIER.matcher(cursor).matches()) {
            problems.add("cursor", "'" + cursor + "' is not a column name");
        } else if (cursor != null && mode != null && mode != SyncMode.INCREMENTAL) {
            problems.add("cursor", "applies only to sync_mode: incremental; " + mode.yamlName()
                    + " reads every row");
        }

        Map<String, Object> settings = settings(root, destination, problems);
        GuardOverrides guards = guards(root.get("guards"), problems);
        String object = text(root, "object", problems, "object");
        String externalIdField = text(root, "external_id_field", problems, "external_id_field");
        AlertRules alerts = alerts(root.get("alerts"), problems);
        if (!problems.list.isEmpty()) {
            return Optional.empty();
        }
        String keyColumn = primaryKey;
        String keyField = mapping.stream().filter(m -> m.column().equalsIgnoreCase(keyColumn))
                .findFirst().orElseThrow().field();
        SyncDefinition sync = new SyncDefinition(syncName, file, modelName == null ? syncName : modelName,
                query.strip(), primaryKey, Optional.ofNullable(cursor), List.copyOf(mapping),
                destination.name(), object == null ? destination.defaultObject() : object,
                externalIdField == null ? keyField : externalIdField, schedule, mode, settings, guards,
                alerts);
        destination.check(sync).forEach(problem -> problems.add(problem.field(), problem.message()));
        return problems.list.isEmpty() ? Optional.of(sync) : Optional.empty();
    }

    private List<FieldMapping> mapping(JsonNode node, Problems problems) {
        List<FieldMapping> mapping = new ArrayList<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problems.add("mapping", node == null ? "is missing: warehouse column → destination field"
                    : "must be a non-empty mapping of warehouse column → destination field");
            return mapping;
        }
        node.fields().forEachRemaining(entry -> {
            String column = entry.getKey();
            String path = "mapping." + column;
            JsonNode rule = entry.getValue();
            if (!IDENTIFIER.matcher(column).matches()) {
                problems.add(path, "'" + column + "' is not a column name");
            }
            if (rule.isTextual() && !rule.asText().isBlank()) {
                mapping.add(new FieldMapping(column, rule.asText().trim(), FieldMapping.Transform.NONE));
            } else if (rule.isObject()) {
                unknownFields(rule, FIELD_RULE_FIELDS, path + ".", problems);
                String field = text(rule, "field", problems, path + ".field");
                FieldMapping.Transform transform = transform(text(rule, "transform", problems, path + ".transform"),
                        path, problems);
                if (field == null || field.isBlank()) {
                    problems.add(path + ".field", "is missing: the destination field to write");
                } else {
                    mapping.add(new FieldMapping(column, field.trim(), transform));
                }
            } else {
                problems.add(path, "must name a destination field, or be {field: ..., transform: ...}");
            }
        });
        // two columns written to one field: one value would silently overwrite the other
        Map<String, String> columnByField = new HashMap<>();
        for (FieldMapping field : mapping) {
            String earlier = columnByField.putIfAbsent(field.field(), field.column());
            if (earlier != null) {
                problems.add("mapping." + field.column(), "writes field '" + field.field()
                        + "', which column '" + earlier + "' already writes");
            }
        }
        return mapping;
    }

    private static FieldMapping.Transform transform(String text, String path, Problems problems) {
        if (text == null) {
            return FieldMapping.Transform.NONE;
        }
        try {
            return FieldMapping.Transform.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(path + ".transform", "unknown transform '" + text + "'; trim, lowercase or uppercase");
            return FieldMapping.Transform.NONE;
        }
    }

    private static GuardOverrides guards(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return GuardOverrides.NONE;
        }
        if (!node.isObject()) {
            problems.add("guards", "must be a mapping of " + new TreeSet<>(GUARD_FIELDS));
            return GuardOverrides.NONE;
        }
        unknownFields(node, GUARD_FIELDS, "guards.", problems);
        Boolean enabled = null;
        JsonNode enabledNode = node.get("enabled");
        if (enabledNode != null && !enabledNode.isBoolean()) {
            problems.add("guards.enabled", "must be true or false");
        } else if (enabledNode != null) {
            enabled = enabledNode.asBoolean();
        }
        Double maxDeletes = number(node, "max_delete_percent", 0, 100, problems);
        Double maxChanges = number(node, "max_change_percent", 0, 100, problems);
        Double minRecords = number(node, "min_records", 0, Long.MAX_VALUE, problems);
        Double minPreviousRows = number(node, "min_previous_rows", 1, Long.MAX_VALUE, problems);
        return new GuardOverrides(enabled, maxDeletes, maxChanges, wholeNumber(node, "min_records", minRecords, problems),
                wholeNumber(node, "min_previous_rows", minPreviousRows, problems));
    }

    private static Double number(JsonNode guards, String field, double min, double max, Problems problems) {
        JsonNode node = guards.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            problems.add("guards." + field, max == Long.MAX_VALUE
                    ? "must be a whole number of at least " + (long) min
                    : "must be a percentage from " + (long) min + " to " + (long) max);
            return null;
        }
        return node.asDouble();
    }

    private static Long wholeNumber(JsonNode guards, String field, Double value, Problems problems) {
        if (value == null) {
            return null;
        }
        if (!guards.get(field).canConvertToExactIntegral()) {
            problems.add("guards." + field, "must be a whole number of records");
            return null;
        }
        return value.longValue();
    }

    private static AlertRules alerts(JsonNode block, Problems problems) {
        if (block == null || block.isNull()) {
            return AlertRules.GLOBAL;
        }
        if (!block.isObject()) {
            problems.add("alerts", "must be a mapping of alert settings: one of " + new TreeSet<>(ALERT_FIELDS));
            return AlertRules.GLOBAL;
        }
        unknownFields(block, ALERT_FIELDS, "alerts.", problems);
        return new AlertRules(
                alertFlag(block, "enabled", problems),
                alertFlag(block, "run_failed", problems),
                alertNumber(block, "rejected_rows_percent", 0, 100, problems),
                alertFlag(block, "late", problems),
                alertNumber(block, "row_count_deviation_percent", 0, Double.MAX_VALUE, problems),
                alertWhole(block, "row_count_runs", 1, problems).map(Number::intValue),
                alertWhole(block, "open_dead_letters", 0, problems));
    }

    private static Optional<Boolean> alertFlag(JsonNode block, String field, Problems problems) {
        JsonNode node = block.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            problems.add("alerts." + field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    private static Optional<Double> alertNumber(JsonNode block, String field, double min, double max, Problems problems) {
        JsonNode node = block.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber() || node.doubleValue() < min || node.doubleValue() > max) {
            problems.add("alerts." + field, max == Double.MAX_VALUE
                    ? "must be a number of at least " + (long) min
                    : "must be a number from " + (long) min + " to " + (long) max);
            return Optional.empty();
        }
        return Optional.of(node.doubleValue());
    }

    private static Optional<Long> alertWhole(JsonNode block, String field, long min, Problems problems) {
        JsonNode node = block.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || node.longValue() < min) {
            problems.add("alerts." + field, "must be a whole number of at least " + min);
            return Optional.empty();
        }
        return Optional.of(node.longValue());
    }

    /** The block named after the destination; a block for another destination is a mistake. */
    private Map<String, Object> settings(ObjectNode root, Destination destination, Problems problems) {
        Map<String, Object> settings = Map.of();
        for (String name : destinations.keySet()) {
            JsonNode block = root.get(name);
            if (block == null) {
                continue;
            }
            if (destination != null && !destination.name().equals(name)) {
                problems.add(name, "settings for destination " + name + ", but this sync writes to "
                        + destination.name());
            } else if (!block.isObject()) {
                problems.add(name, "must be a mapping of " + name + " settings");
            } else {
                settings = yaml.convertValue(block, SETTINGS);
            }
        }
        return settings;
    }

    /** A field that is present but not text was reported as such already. */
    private static void missing(JsonNode parent, String field, Problems problems, String message) {
        if (!parent.hasNonNull(field)) {
            problems.add(field, message);
        }
    }

    private static boolean mapsColumn(List<FieldMapping> mapping, String column) {
        return mapping.stream().anyMatch(m -> m.column().equalsIgnoreCase(column));
    }

    private static String text(JsonNode parent, String field, Problems problems, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode() || node.isBoolean()) {
            problems.add(path, "must be text");
            return null;
        }
        return node.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, Problems problems) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(prefix + name, "unknown field; expected one of " + new TreeSet<>(known));
            }
        });
    }

    private static final class Problems {
        private final String file;
        private final List<SyncFileProblem> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(String field, String message) {
            list.add(new SyncFileProblem(file, field, message));
        }
    }
}
