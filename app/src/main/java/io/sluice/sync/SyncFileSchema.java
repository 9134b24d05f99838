package io.sluice.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.sluice.sync.SyncFileDestination.Problem;

/**
 * {@code schema/sync-file.schema.json} (in the jar as {@code schema/}), the contract of sync files: what editors
 * check files with is what Sluice loads them with. Each mistake the validator finds becomes a problem at the
 * field it concerns, phrased for the person who edits the file from what the schema says there (its
 * {@code errorMessage} and {@code patternErrorMessage}, which editors show too, its bounds, choices and
 * descriptions). What failed is left out of the document handed on, so the rules only Java can check run on
 * what the schema accepted and do not report the same mistake again.
 */
final class SyncFileSchema {

    private static final String LOCATION = "classpath:schema/sync-file.schema.json";
    private static final String CLASSPATH = "classpath:";
    /** Failures about what was written, rather than about what is missing or around it: worth quoting it. */
    private static final Set<String> ABOUT_THE_VALUE = Set.of("type", "enum", "pattern", "minimum", "maximum",
            "oneOf");
    /** Failures that do not make the value unusable to the rules checked after the schema. */
    private static final Set<String> KEEP_THE_VALUE = Set.of("required", "uniqueItems");
    private static final Map<String, String> TYPE_NAMES = Map.of("integer", "a whole number", "number", "a number",
            "string", "text", "boolean", "true or false", "object", "a mapping", "array", "a list", "null", "empty");

    private static final SyncFileSchema INSTANCE = new SyncFileSchema();

    private final JsonSchemaFactory factory;
    private final JsonSchema schema;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<AbsoluteIri, JsonNode> documents = new ConcurrentHashMap<>();

    private SyncFileSchema() {
        // the message keywords editors know: annotations to the validator, not unknown keywords to warn about
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV7())
                .keyword(new AnnotationKeyword("errorMessage"))
                .keyword(new AnnotationKeyword("patternErrorMessage"))
                .build();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder.metaSchema(metaSchema));
        schema = factory.getSchema(SchemaLocation.of(LOCATION));
        schema.initializeValidators();
    }

    static SyncFileSchema get() {
        return INSTANCE;
    }

    /**
     * @param problems every mistake the schema finds
     * @param accepted the document without the values those mistakes are about; {@link NullNode} when the
     *                 document as a whole is wrong
     */
    record Checked(List<Problem> problems, JsonNode accepted) {
    }

    Checked check(JsonNode document) {
        List<ValidationMessage> mistakes = withoutConsequences(decided(new ArrayList<>(schema.validate(document))));
        List<Problem> problems = new ArrayList<>();
        List<JsonNodePath> rejected = new ArrayList<>();
        for (ValidationMessage mistake : mistakes) {
            problems.addAll(problems(mistake));
            if (!KEEP_THE_VALUE.contains(mistake.getType())) {
                rejected.add(about(mistake).map(mistake.getInstanceLocation()::append)
                        .orElse(mistake.getInstanceLocation()));
            }
        }
        JsonNode accepted = document.deepCopy();
        // the last item of a list first, so that the items before it keep their places
        for (JsonNodePath path : rejected.stream().sorted((one, other) -> inDocumentOrder(other, one)).toList()) {
            if (path.getNameCount() == 0) {
                return new Checked(problems, NullNode.getInstance());
            }
            remove(accepted, path);
        }
        return new Checked(problems, accepted);
    }

    /**
     * A {@code oneOf} that fails comes with the failures of each of its branches. When the value has the type of
     * exactly one branch, the person meant that one: its failures are the mistakes. Otherwise the choice as a
     * whole is. (The schema writes its choices as {@code oneOf}: the validator says nothing of an {@code anyOf}
     * as a whole, only of each branch.)
     */
    private static List<ValidationMessage> decided(List<ValidationMessage> messages) {
        List<ValidationMessage> choices = messages.stream().filter(message -> message.getType().equals("oneOf"))
                .sorted(Comparator.comparingInt(message -> message.getEvaluationPath().getNameCount()))
                .toList();
        List<ValidationMessage> decided = new ArrayList<>(messages);
        for (ValidationMessage choice : choices) {
            int at = decided.indexOf(choice);
            if (at < 0) {
                continue; // inside a branch that was not meant
            }
            JsonNodePath choicePath = choice.getEvaluationPath();
            Map<Integer, List<ValidationMessage>> branches = new LinkedHashMap<>();
            // one choice in the schema applies to many values (every mapping entry, say): its own are below it
            decided.stream()
                    .filter(message -> message != choice && message.getEvaluationPath().startsWith(choicePath)
                            && message.getEvaluationPath().getNameCount() > choicePath.getNameCount()
                            && message.getInstanceLocation().startsWith(choice.getInstanceLocation()))
                    .forEach(message -> branches.computeIfAbsent(
                            (Integer) message.getEvaluationPath().getElement(choicePath.getNameCount()),
                            branch -> new ArrayList<>()).add(message));
            branches.values().forEach(decided::removeAll);
            List<Integer> fitting = IntStream.range(0, choice.getSchemaNode().size())
                    .filter(branch -> branches.getOrDefault(branch, List.of()).stream().noneMatch(message ->
                            message.getType().equals("type")
                                    && message.getInstanceLocation().equals(choice.getInstanceLocation())))
                    .boxed().toList();
            if (fitting.size() == 1 && branches.containsKey(fitting.get(0))) {
                decided.remove(at);
                decided.addAll(at, branches.get(fitting.get(0)));
            }
        }
        return decided;
    }

    /** A value of the wrong type fails its other keywords too; the type is the mistake. */
    private static List<ValidationMessage> withoutConsequences(List<ValidationMessage> messages) {
        Set<JsonNodePath> mistyped = messages.stream().filter(message -> message.getType().equals("type"))
                .map(ValidationMessage::getInstanceLocation).collect(Collectors.toSet());
        return messages.stream().filter(message -> message.getType().equals("type")
                || !mistyped.contains(message.getInstanceLocation())).toList();
    }

    private List<Problem> problems(ValidationMessage mistake) {
        String field = field(mistake.getInstanceLocation(), about(mistake));
        if (mistake.getType().equals("propertyNames")) {
            // the validator only says the name failed; its own schema says how
            JsonSchema names = factory.getSchema(mistake.getSchemaLocation());
            return names.validate(TextNode.valueOf(mistake.getProperty())).stream()
                    .map(nameMistake -> new Problem(field, reason(nameMistake)))
                    .toList();
        }
        String reason = reason(mistake);
        return List.of(new Problem(field, ABOUT_THE_VALUE.contains(mistake.getType())
                ? reason + written(mistake.getInstanceNode()) : reason));
    }

    /** The key a mistake is about, when the validator reports it at the mapping holding it. */
    private static Optional<String> about(ValidationMessage mistake) {
        return switch (mistake.getType()) {
            case "required", "additionalProperties", "propertyNames" -> Optional.of(mistake.getProperty());
            default -> Optional.empty();
        };
    }

    private String reason(ValidationMessage mistake) {
        JsonNode holder = node(parent(mistake.getSchemaLocation()));
        Optional<String> errorMessage = text(holder, "errorMessage");
        return switch (mistake.getType()) {
            case "required" -> description(mistake.getSchemaLocation(), mistake.getProperty())
                    .map(description -> "is missing: " + description).orElse("is missing");
            case "additionalProperties" -> "unknown field; expected one of "
                    + new TreeSet<>(names(holder.path("properties")));
            case "uniqueItems" -> "'" + repeated(mistake.getInstanceNode()) + "' is listed twice";
            case "pattern" -> text(holder, "patternErrorMessage").or(() -> errorMessage)
                    .orElse("must match " + holder.path("pattern").asText());
            case "enum" -> errorMessage.orElse("must be one of " + choices(holder.path("enum")));
            case "type", "minimum", "maximum" -> errorMessage.orElse(requirement(holder));
            case "minItems" -> "must list at least " + holder.path("minItems").asInt() + " item(s)";
            case "maxItems" -> "must list at most " + holder.path("maxItems").asInt() + " items, not "
                    + mistake.getInstanceNode().size();
            case "minProperties" -> errorMessage.orElse("must not be empty");
            // not, oneOf and the keywords the schema does not use yet: its own words, else the validator's
            default -> errorMessage.orElse(mistake.getMessage().replaceFirst("^\\S*: ", ""));
        };
    }

    /** What a value of this schema must be: its type, and its bounds for a number. */
    private static String requirement(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<String> types = type.isArray()
                ? StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(type.asText());
        String requirement = "must be " + types.stream().map(name -> TYPE_NAMES.getOrDefault(name, name))
                .collect(Collectors.joining(" or "));
        JsonNode minimum = schema.path("minimum");
        JsonNode maximum = schema.path("maximum");
        if (minimum.isNumber() && maximum.isNumber()) {
            return requirement + " from " + minimum.asText() + " to " + maximum.asText();
        }
        if (minimum.isNumber()) {
            return requirement + " of at least " + minimum.asText();
        }
        return maximum.isNumber() ? requirement + " of at most " + maximum.asText() : requirement;
    }

    /** The description of a missing key, from the nearest schema around the failed rule that declares it. */
    private Optional<String> description(SchemaLocation rule, String key) {
        for (SchemaLocation at = parent(rule); at != null; at = parent(at)) {
            JsonNode declared = node(at).path("properties").path(key);
            if (!declared.isMissingNode()) {
                return description(at.append("properties").append(key));
            }
        }
        return Optional.empty();
    }

    private Optional<String> description(SchemaLocation declaration) {
        JsonNode declared = node(declaration);
        if (declared.hasNonNull("description")) {
            return Optional.of(sentence(declared.get("description").asText()));
        }
        return declared.hasNonNull("$ref")
                ? description(declaration.resolve(declared.get("$ref").asText()))
                : Optional.empty();
    }

    /** A description's text, continuing a message: "The rows to sync." becomes "the rows to sync". */
    private static String sentence(String description) {
        String text = description.strip().replaceFirst("\\.$", "");
        boolean capitalised = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                && Character.isLowerCase(text.charAt(1));
        return capitalised ? text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1) : text;
    }

    /** "a, b or c", each choice once whatever its letter case. */
    private static String choices(JsonNode values) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> choices = StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText)
                .filter(seen::add).toList();
        return choices.size() == 1 ? choices.get(0)
                : String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }

    private static String written(JsonNode value) {
        if (value == null || value.isContainerNode() || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isTextual() ? ", not '" + value.asText() + "'" : ", not " + value.asText();
    }

    private static String repeated(JsonNode items) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        return StreamSupport.stream(items.spliterator(), false).filter(item -> !seen.add(item)).findFirst()
                .map(JsonNode::asText).orElse("");
    }

    private static List<String> names(JsonNode mapping) {
        List<String> names = new ArrayList<>();
        mapping.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Optional<String> text(JsonNode schema, String keyword) {
        return schema.hasNonNull(keyword) ? Optional.of(schema.get(keyword).asText()) : Optional.empty();
    }

    /** {@code mapping.email.transform}, {@code slack.blocks[1]}: the paths problems and {@link SyncFileLines} use. */
    private static String field(JsonNodePath location, Optional<String> key) {
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            append(field, location.getElement(i));
        }
        key.ifPresent(name -> append(field, name));
        return field.toString();
    }

    private static void append(StringBuilder field, Object element) {
        if (element instanceof Integer index) {
            field.append('[').append(index).append(']');
        } else {
            field.append(field.isEmpty() ? "" : ".").append(element);
        }
    }

    private static int inDocumentOrder(JsonNodePath one, JsonNodePath other) {
        for (int i = 0; i < Math.min(one.getNameCount(), other.getNameCount()); i++) {
            int order = one.getElement(i) instanceof Integer index && other.getElement(i) instanceof Integer otherIndex
                    ? Integer.compare(index, otherIndex) : one.getName(i).compareTo(other.getName(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(one.getNameCount(), other.getNameCount());
    }

    private static void remove(JsonNode document, JsonNodePath path) {
        JsonNode parent = document;
        for (int i = 0; i < path.getNameCount() - 1 && parent != null; i++) {
            parent = path.getElement(i) instanceof Integer index ? parent.get(index) : parent.get(path.getName(i));
        }
        Object last = path.getElement(path.getNameCount() - 1);
        if (parent instanceof ObjectNode mapping) {
            mapping.remove(String.valueOf(last));
        } else if (parent instanceof ArrayNode list && last instanceof Integer index) {
            list.remove(index);
        }
    }

    private static SchemaLocation parent(SchemaLocation location) {
        JsonNodePath fragment = location.getFragment();
        return fragment.getNameCount() == 0 ? null
                : new SchemaLocation(location.getAbsoluteIri(), fragment.getParent());
    }

    private JsonNode node(SchemaLocation location) {
        JsonNode node = documents.computeIfAbsent(location.getAbsoluteIri(), this::read);
        JsonNodePath fragment = location.getFragment();
        for (int i = 0; i < fragment.getNameCount(); i++) {
            node = fragment.getElement(i) instanceof Integer index ? node.path(index) : node.path(fragment.getName(i));
        }
        return node;
    }

    private JsonNode read(AbsoluteIri document) {
        String resource = document.toString().substring(CLASSPATH.length());
        try (InputStream in = SyncFileSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + document + " is not on the classpath");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + document, e);
        }
    }
}
