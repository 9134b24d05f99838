package io.sluice.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one sync file and either builds its {@link SyncDefinition} or lists every problem found, so
 * a person fixing the file sees them all at once. The file's schema ({@link SyncFileSchema}) says what it may
 * hold; this checks what a schema cannot — a query that writes, a cron expression that never fires, a record
 * key that is not mapped, two columns written to one field — and its destination reads its block.
 */
public class SyncFileLoader {

    /** What the schema accepted, bound to records: snake_case keys to components, choices to enum constants. */
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // a record binds its own keys; the schema reported any unknown one
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new Jdk8Module())
            .build();

    // a key written twice is a mistake to report, not a value to drop silently
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final Map<String, SyncFileDestination> destinations = new TreeMap<>();
    private final Duration minInterval;
    private final Set<String> warehouses;
    private final SyncFileProcessors processors;
    private final DbtManifest dbt;

    /** With {@code sluice.schedule.min-interval} and {@code sluice.dbt.manifest} at their defaults, and no processors. */
    public SyncFileLoader(Collection<? extends SyncFileDestination> destinations) {
        this(destinations, DurationStyle.detectAndParse(ScheduleProperties.DEFAULT_MIN_INTERVAL));
    }

    /** @param minInterval {@code sluice.schedule.min-interval}: a cron schedule firing more often is refused */
    public SyncFileLoader(Collection<? extends SyncFileDestination> destinations, Duration minInterval) {
        this(destinations, minInterval, Set.of(), SyncFileProcessors.NONE, Path.of(DbtProperties.DEFAULT_MANIFEST));
    }

    /**
     * @param minInterval {@code sluice.schedule.min-interval}: a cron schedule firing more often is refused
     * @param warehouses  the names configured as {@code sluice.warehouses.<name>}: a file naming another is invalid
     * @param processors  the team's processors, which a file's {@code processors:} list names
     * @param dbtManifest {@code sluice.dbt.manifest}, where {@code model: {dbt: name}} is looked up
     */
    public SyncFileLoader(Collection<? extends SyncFileDestination> destinations, Duration minInterval,
                          Set<String> warehouses, SyncFileProcessors processors, Path dbtManifest) {
        destinations.forEach(destination -> this.destinations.put(destination.name(), destination));
        this.minInterval = minInterval;
        this.warehouses = new TreeSet<>(warehouses);
        this.processors = processors;
        this.dbt = new DbtManifest(dbtManifest);
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
        SyncFileSchema.Checked checked = SyncFileSchema.get()
                .check(root == null || root.isMissingNode() ? NullNode.getInstance() : root);
        checked.problems().forEach(problem -> problems.add(problem.field(), problem.message()));
        Optional<SyncDefinition> definition = Optional.empty();
        if (checked.accepted().isObject()) {
            try {
                definition = definition(syncName, file, checked.accepted(),
                        BINDER.treeToValue(checked.accepted(), SyncFileDocument.class), problems);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problems.add("", "cannot be read: " + e.getMessage());
            }
        }
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

    /**
     * The definition, once every part is right. The destination reads its block as soon as the parts it
     * depends on are, so its problems are listed with the others.
     */
    private Optional<SyncDefinition> definition(String syncName, Path file, JsonNode accepted,
                                                SyncFileDocument document, Problems problems) {
        SyncFileDocument.Model model = document.model();
        String query = model == null ? null : query(model, document.syncMode(), problems);
        SyncFileDestination destination = destination(document.destination(), problems);
        if (document.warehouse() != null && !warehouses.contains(document.warehouse())) {
            problems.add("warehouse", "unknown warehouse '" + document.warehouse() + "'; "
                    + (warehouses.isEmpty() ? "none is configured as sluice.warehouses.<name>"
                            : "one of " + warehouses));
        }
        Optional<String> connection = connection(document.connection(), destination, problems);
        List<FieldMapping> mapping = mapping(document, problems);
        Schedule schedule = schedule(document.schedule(), problems);
        String primaryKey = primaryKey(model, mapping, problems);
        List<String> processorNames = document.processors() == null ? List.of() : List.copyOf(document.processors());
        for (int i = 0; i < processorNames.size(); i++) {
            int index = i;
            processors.problem(processorNames.get(i))
                    .ifPresent(reason -> problems.add("processors[" + index + "]", reason));
        }
        // a destination reads its block for the connection the file names
        if (destination == null || primaryKey == null || problems.about("mapping") || problems.about("connection")) {
            return Optional.empty();
        }
        FieldMapping key = mapping.stream().filter(field -> field.column().equalsIgnoreCase(primaryKey))
                .findFirst().orElseThrow();
        if (key.write() != FieldMapping.Write.ALWAYS || key.nulls() != FieldMapping.Nulls.SEND) {
            problems.add("mapping." + key.column(), "is the record key, which every write matches on: it is always "
                    + "written; leave write and nulls out");
            return Optional.empty();
        }
        String keyField = key.field();
        SyncDefinition sync = new SyncDefinition(syncName, file,
                model.name() == null ? syncName : model.name(), query, primaryKey,
                Optional.ofNullable(document.cursor()), List.copyOf(mapping), destination.name(),
                document.object() == null ? destination.defaultObject() : document.object(),
                document.externalIdField() == null ? keyField : document.externalIdField(), schedule,
                document.syncMode(), DestinationSettings.NONE,
                document.guards() == null ? GuardOverrides.NONE : document.guards(),
                document.alerts() == null ? AlertRules.GLOBAL : document.alerts(),
                Optional.ofNullable(document.warehouse()), processorNames, connection,
                Optional.ofNullable(document.diff()));
        JsonNode block = accepted.path(destination.name());
        SyncFileDestination.Reading reading = destination.read(
                new SettingsBlock(block.isObject() ? block : BINDER.createObjectNode(), BINDER), sync);
        reading.problems().forEach(problem -> problems.add(problem.field(), problem.message()));
        mapping.stream().filter(field -> field.write() == FieldMapping.Write.IF_EMPTY)
                .forEach(field -> destination.ifEmptyRefusal(sync).ifPresent(reason -> problems.add(
                        "mapping." + field.column() + ".write", "if_empty: " + reason + "; on_create keeps a value "
                                + "people edit after the record's first delivery")));
        return problems.list.isEmpty() ? Optional.of(sync.withSettings(reading.settings())) : Optional.empty();
    }

    /**
     * The SQL the model stands for: its query, or every column of its table or of the table dbt built it into.
     * A query may read from where the last run left off, {@code '{{ last_sync_timestamp }}'}, when a run reads
     * only what changed.
     */
    private String query(SyncFileDocument.Model model, SyncMode mode, Problems problems) {
        if (model.table() != null) {
            return "SELECT * FROM " + model.table();
        }
        if (model.dbt() != null) {
            try {
                return "SELECT * FROM " + dbt.relation(model.dbt());
            } catch (IllegalArgumentException e) {
                problems.add("model.dbt", e.getMessage());
                return null;
            }
        }
        if (model.query() == null) {
            return null;
        }
        String query = model.query().strip();
        ReadOnlyQuery.problem(query).ifPresent(reason -> problems.add("model.query", reason));
        LastSyncTimestamp.unknown(query).forEach(placeholder -> problems.add("model.query", "unknown placeholder "
                + placeholder + "; a model query knows only {{ last_sync_timestamp }}"));
        if (LastSyncTimestamp.count(query) > 0 && (mode == SyncMode.FULL || mode == SyncMode.MIRROR)) {
            problems.add("model.query", "{{ last_sync_timestamp }} reads only rows changed since the last run; "
                    + "sync_mode " + mode.yamlName()
                    + " reads every row (use sync_mode: incremental)");
        }
        return query;
    }

    /** The schema knows every destination; this Sluice may run without some of them. */
    private SyncFileDestination destination(String name, Problems problems) {
        if (name == null) {
            return null;
        }
        SyncFileDestination destination = destinations.get(name);
        if (destination == null) {
            problems.add("destination", "unknown destination '" + name + "'; one of " + destinations.keySet());
        }
        return destination;
    }

    /**
     * The named connection a file writes to; empty for the destination's default one, which
     * {@value SyncFileDestination#DEFAULT_CONNECTION} also names.
     */
    private static Optional<String> connection(String name, SyncFileDestination destination, Problems problems) {
        if (name == null || name.equals(SyncFileDestination.DEFAULT_CONNECTION) || destination == null) {
            return Optional.empty();
        }
        Set<String> known = new TreeSet<>(destination.connections());
        if (!known.contains(name)) {
            known.add(SyncFileDestination.DEFAULT_CONNECTION);
            problems.add("connection", "unknown connection '" + name + "'; " + (known.size() == 1
                    ? "none is configured as sluice." + destination.name() + ".connections.<name>"
                    : "one of " + known));
        }
        return Optional.of(name);
    }

    private static List<FieldMapping> mapping(SyncFileDocument document, Problems problems) {
        List<FieldMapping> mapping = new ArrayList<>();
        if (document.mapping() == null) {
            return mapping;
        }
        document.mapping().forEach((column, rule) -> {
            // a constant's or a computed field's is named by its key unless it says otherwise
            String field = rule.field() == null ? column : rule.field().strip();
            mapping.add(new FieldMapping(column, field, rule.transform(), rule.value(), rule.expression(),
                    rule.type(), rule.format(), rule.defaultValue(), rule.write(), rule.nulls()));
            if (rule.expression() != null) {
                MappingExpressions.problem(rule.expression())
                        .ifPresent(reason -> problems.add("mapping." + column + ".expression", reason));
            }
            if (rule.format() != null) {
                try {
                    DateTimeFormatter.ofPattern(rule.format(), Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    problems.add("mapping." + column + ".format", "not a date format: " + e.getMessage());
                }
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

    private Schedule schedule(String expression, Problems problems) {
        if (expression == null) {
            return null;
        }
        try {
            return Schedule.parse(expression, minInterval);
        } catch (IllegalArgumentException e) {
            problems.add("schedule", e.getMessage());
            return null;
        }
    }

    /** The column identifying a record: the model's, which must be mapped, or the first mapped one. */
    private static String primaryKey(SyncFileDocument.Model model, List<FieldMapping> mapping, Problems problems) {
        if (model == null || mapping.isEmpty()) {
            return null;
        }
        if (model.primaryKey() == null) {
            return mapping.get(0).column();
        }
        if (mapping.stream().noneMatch(field -> field.column().equalsIgnoreCase(model.primaryKey()))) {
            problems.add("model.primary_key", "column '" + model.primaryKey()
                    + "' is not mapped; the record key must be sent to the destination to match records");
            return null;
        }
        return model.primaryKey();
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

        boolean about(String field) {
            return list.stream().anyMatch(problem -> problem.field().equals(field)
                    || problem.field().startsWith(field + ".") || problem.field().startsWith(field + "["));
        }
    }
}
