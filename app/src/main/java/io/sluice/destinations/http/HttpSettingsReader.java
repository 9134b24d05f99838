package io.sluice.destinations.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.convert.DurationStyle;

import io.sluice.destinations.Destination.Problem;
import io.sluice.destinations.RateLimit;
import io.sluice.destinations.http.Template.Kind;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncMode;

/**
 * Reads a sync file's {@code http:} block into {@link HttpSettings}, or names every mistake in it — by
 * field path and reason — so a broken file is reported when Sluice starts, not when a call fails.
 */
final class HttpSettingsReader {

    private static final Set<String> FIELDS = Set.of("url", "method", "create", "headers", "body", "batch_size",
            "batch_body", "response_id", "success_statuses", "rate_limit", "delete");
    private static final Set<String> CALL_FIELDS = Set.of("url", "method");
    private static final Set<String> RATE_LIMIT_FIELDS = Set.of("requests", "per");
    private static final Set<String> WRITE_METHODS = new LinkedHashSet<>(List.of("POST", "PUT", "PATCH"));
    private static final Set<String> DELETE_METHODS = new LinkedHashSet<>(List.of("DELETE", "POST", "PUT", "PATCH"));
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern RESPONSE_PATH = Pattern.compile("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*");
    private static final String SAMPLE = "sample";

    private final HttpConnections connections;
    private final HttpProperties properties;
    private final ObjectMapper strictJson;

    HttpSettingsReader(HttpConnections connections, HttpProperties properties, ObjectMapper json) {
        this.connections = connections;
        this.properties = properties;
        this.strictJson = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Either settings, or the problems that keep the file from running. */
    record Result(Optional<HttpSettings> settings, List<Problem> problems) {
    }

    Result read(SyncDefinition sync) {
        return new Reading(sync).read();
    }

    /** Where a template stands decides what it may refer to. */
    private record Context(Set<Kind> allowed, String rule) {
    }

    /** One sync file's block being read; collects problems as it goes. */
    private final class Reading {

        private final SyncDefinition sync;
        private final Map<String, Object> block;
        private final Set<String> mappedFields = new TreeSet<>();
        private final List<Problem> problems = new ArrayList<>();

        Reading(SyncDefinition sync) {
            this.sync = sync;
            this.block = sync.settings();
            sync.mapping().stream().map(FieldMapping::field).forEach(mappedFields::add);
        }

        Result read() {
            block.keySet().stream().filter(key -> !FIELDS.contains(key)).forEach(key ->
                    problem(key, "unknown field; expected one of " + new TreeSet<>(FIELDS)));

            int batchSize = batchSize();
            boolean perRecord = batchSize == 1;
            Optional<HttpSettings.Call> call = call(block, "", WRITE_METHODS, "POST", perRecord
                    ? new Context(EnumSet.of(Kind.FIELD, Kind.DESTINATION_ID, Kind.CONFIG),
                    "a call per record may use its mapped fields, {{destination_id}} and {{config:...}}")
                    : new Context(EnumSet.of(Kind.CONFIG),
                    "a call per batch (batch_size > 1) serves many records: only {{config:...}} fits"));
            if (!block.containsKey("url")) {
                problem("url", "is missing: the URL each call goes to, e.g. \"{{config:crm}}/contacts\"");
            }
            Optional<HttpSettings.Call> create = create(perRecord, call);
            Map<String, Template> headers = headers();
            Optional<Template> body = template("body", new Context(EnumSet.of(Kind.FIELD),
                    "a record's body may use its mapped fields"), true);
            Template batchBody = batchBody(perRecord);
            Optional<String> responseId = responseId(perRecord, call);
            Set<Integer> successStatuses = successStatuses();
            RateLimit rateLimit = rateLimit();
            Optional<HttpSettings.Call> delete = delete();
            if (!problems.isEmpty() || call.isEmpty()) {
                return new Result(Optional.empty(), List.copyOf(problems));
            }
            return new Result(Optional.of(new HttpSettings(call.get(), create, headers, body, batchSize, batchBody,
                    responseId, successStatuses, rateLimit, delete)), List.of());
        }

        private int batchSize() {
            Object value = block.get("batch_size");
            if (value == null) {
                return 1;
            }
            if (!(value instanceof Integer size) || size < 1 || size > properties.maxBatchSize()) {
                problem("batch_size", "must be a whole number from 1 to " + properties.maxBatchSize()
                        + " (sluice.http.max-batch-size); 1 sends one call per record");
                return 1;
            }
            return size;
        }

        private Optional<HttpSettings.Call> create(boolean perRecord, Optional<HttpSettings.Call> call) {
            boolean needsCreate = call.map(c -> c.url().uses(Kind.DESTINATION_ID)).orElse(false);
            if (!block.containsKey("create")) {
                if (needsCreate) {
                    problem("create", "is missing: url refers to {{destination_id}}, which a record has only after "
                            + "a first delivery; give the call that creates a record, e.g. {url: ..., method: POST}");
                }
                return Optional.empty();
            }
            if (!perRecord) {
                problem("create", "applies only to calls per record (batch_size 1)");
                return Optional.empty();
            }
            Map<String, Object> createBlock = mapping(block.get("create"), "create", CALL_FIELDS);
            if (createBlock == null) {
                return Optional.empty();
            }
            if (!createBlock.containsKey("url")) {
                problem("create.url", "is missing: the URL that creates a record");
            }
            return call(createBlock, "create.", WRITE_METHODS, "POST", new Context(EnumSet.of(Kind.FIELD, Kind.CONFIG),
                    "a create call may use the record's mapped fields and {{config:...}}; it has no destination id yet"));
        }

        private Optional<HttpSettings.Call> delete() {
            boolean mirror = sync.mode() == SyncMode.MIRROR;
            if (!block.containsKey("delete")) {
                if (mirror) {
                    problem("delete", "is missing: sync_mode mirror removes records that left the model; give the "
                            + "call that removes one, e.g. {url: \"{{config:crm}}/contacts/{{destination_id}}\", "
                            + "method: DELETE}");
                }
                return Optional.empty();
            }
            if (!mirror) {
                problem("delete", "applies only to sync_mode: mirror");
                return Optional.empty();
            }
            Map<String, Object> deleteBlock = mapping(block.get("delete"), "delete", CALL_FIELDS);
            if (deleteBlock == null) {
                return Optional.empty();
            }
            if (!deleteBlock.containsKey("url")) {
                problem("delete.url", "is missing: the URL that removes a record");
            }
            String externalIdField = sync.externalIdField();
            Optional<HttpSettings.Call> delete = call(deleteBlock, "delete.", DELETE_METHODS, "DELETE",
                    new Context(EnumSet.of(Kind.FIELD, Kind.DESTINATION_ID, Kind.CONFIG),
                            "a record that left the model is known only by {{destination_id}} and {{"
                                    + externalIdField + "}}"));
            delete.flatMap(d -> d.url().references()
                            .filter(r -> r.kind() == Kind.FIELD && !r.name().equals(externalIdField)).findFirst())
                    .ifPresent(r -> problem("delete.url", "refers to " + r + ", but a record that left the model is "
                            + "known only by {{destination_id}} and {{" + externalIdField + "}}"));
            if (delete.map(d -> d.url().uses(Kind.DESTINATION_ID)).orElse(false) && !block.containsKey("response_id")) {
                problem("response_id", "is missing: delete.url refers to {{destination_id}}; name the field of the "
                        + "response that holds it, e.g. id");
            }
            return delete;
        }

        private Optional<HttpSettings.Call> call(Map<String, Object> callBlock, String prefix, Set<String> methods,
                                                 String defaultMethod, Context urlContext) {
            String method = defaultMethod;
            Object methodValue = callBlock.get("method");
            if (methodValue != null) {
                String text = methodValue.toString().strip().toUpperCase(Locale.ROOT);
                if (!(methodValue instanceof String) || !methods.contains(text)) {
                    problem(prefix + "method", "must be one of " + methods);
                } else {
                    method = text;
                }
            }
            Optional<Template> url = template(callBlock.get("url"), prefix + "url", urlContext, false);
            url.ifPresent(template -> checkUrl(prefix + "url", template));
            String chosen = method;
            return url.map(template -> new HttpSettings.Call(chosen, template));
        }

        private Map<String, Template> headers() {
            Map<String, Template> headers = new LinkedHashMap<>();
            Map<String, Object> headerBlock = mapping(block.get("headers"), "headers", null);
            if (headerBlock == null) {
                return headers;
            }
            Context context = new Context(EnumSet.of(Kind.SECRET, Kind.CONFIG),
                    "headers are the same for every call: text, {{secret:...}} and {{config:...}}");
            headerBlock.forEach((name, value) -> {
                String path = "headers." + name;
                if (!HEADER_NAME.matcher(name).matches()) {
                    problem(path, "is not a valid HTTP header name");
                } else if (name.toLowerCase(Locale.ROOT).startsWith("camel")) {
                    problem(path, "Camel drops headers whose names start with 'Camel'; choose another name");
                } else if (value == null || value instanceof Map || value instanceof List) {
                    problem(path, "must be text");
                } else {
                    parse(path, value.toString()).filter(template -> allowed(template, context, path))
                            .ifPresent(template -> headers.put(name, template));
                }
            });
            return headers;
        }

        private Template batchBody(boolean perRecord) {
            if (!block.containsKey("batch_body")) {
                return HttpSettings.RECORDS_AS_ARRAY;
            }
            if (perRecord) {
                problem("batch_body", "applies only to calls per batch (batch_size > 1)");
                return HttpSettings.RECORDS_AS_ARRAY;
            }
            return template("batch_body", new Context(EnumSet.of(Kind.RECORDS),
                    "a batch's body holds {{records}}, the JSON array of its records' bodies"), true)
                    .filter(template -> {
                        long records = template.references().filter(r -> r.kind() == Kind.RECORDS).count();
                        if (records != 1) {
                            problem("batch_body", "must hold {{records}} exactly once: where the batch's records go");
                        }
                        return records == 1;
                    })
                    .orElse(HttpSettings.RECORDS_AS_ARRAY);
        }

        private Optional<String> responseId(boolean perRecord, Optional<HttpSettings.Call> call) {
            Object value = block.get("response_id");
            if (value == null) {
                if (call.map(c -> c.url().uses(Kind.DESTINATION_ID)).orElse(false)) {
                    problem("response_id", "is missing: url refers to {{destination_id}}; name the field of the "
                            + "create call's response that holds it, e.g. id");
                }
                return Optional.empty();
            }
            if (!perRecord) {
                problem("response_id", "applies only to calls per record (batch_size 1)");
                return Optional.empty();
            }
            if (!(value instanceof String path) || !RESPONSE_PATH.matcher(path).matches()) {
                problem("response_id", "must name a field of the JSON response, e.g. id or data.id");
                return Optional.empty();
            }
            return Optional.of(path);
        }

        private Set<Integer> successStatuses() {
            Object value = block.get("success_statuses");
            if (value == null) {
                return Set.of();
            }
            if (!(value instanceof List<?> list) || list.isEmpty()
                    || !list.stream().allMatch(s -> s instanceof Integer status && status >= 100 && status <= 599)) {
                problem("success_statuses", "must be a list of HTTP statuses, e.g. [200, 201, 204]");
                return Set.of();
            }
            Set<Integer> statuses = new TreeSet<>();
            list.forEach(status -> statuses.add((Integer) status));
            if (statuses.contains(429)) {
                problem("success_statuses", "429 means 'slow down'; it cannot mean success");
            }
            return Set.copyOf(statuses);
        }

        private RateLimit rateLimit() {
            RateLimit configured = properties.rateLimit();
            Map<String, Object> limit = mapping(block.get("rate_limit"), "rate_limit", RATE_LIMIT_FIELDS);
            if (limit == null) {
                return configured;
            }
            int requests = configured.requests();
            Object requestsValue = limit.get("requests");
            if (!(requestsValue instanceof Integer count) || count < 1) {
                problem("rate_limit.requests", "must be a whole number of calls, at least 1");
            } else {
                requests = count;
            }
            Duration period = configured.period();
            Object periodValue = limit.get("per");
            if (!(periodValue instanceof String text)) {
                problem("rate_limit.per", "must be a duration with its unit, e.g. 1s, 10s or 1m");
            } else {
                try {
                    period = DurationStyle.SIMPLE.parse(text.strip());
                    if (period.isZero() || period.isNegative()) {
                        problem("rate_limit.per", "must be longer than zero");
                    }
                } catch (IllegalArgumentException e) {
                    problem("rate_limit.per", "'" + text + "' is not a duration; e.g. 1s, 10s or 1m");
                }
            }
            return new RateLimit(requests, period);
        }

        /** A template field: text, parsed, and referring only to what its place allows. */
        private Optional<Template> template(String field, Context context, boolean json) {
            return template(block.get(field), field, context, json);
        }

        private Optional<Template> template(Object value, String path, Context context, boolean json) {
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String text) || text.isBlank()) {
                problem(path, "must be text" + (json ? ": a JSON template" : ""));
                return Optional.empty();
            }
            Optional<Template> template = parse(path, text).filter(t -> allowed(t, context, path));
            if (json) {
                template = template.filter(t -> isJson(path, t));
            }
            return template;
        }

        private Optional<Template> parse(String path, String text) {
            try {
                return Optional.of(Template.parse(text));
            } catch (IllegalArgumentException e) {
                problem(path, e.getMessage());
                return Optional.empty();
            }
        }

        private boolean allowed(Template template, Context context, String path) {
            int before = problems.size();
            template.references().distinct().forEach(reference -> {
                if (!context.allowed().contains(reference.kind())) {
                    problem(path, reference + " cannot be used here: " + context.rule()
                            + (reference.kind() == Kind.SECRET
                            ? "; secrets go in headers only, since URLs and bodies end up in logs and dead letters"
                            : ""));
                    return;
                }
                switch (reference.kind()) {
                    case FIELD -> {
                        if (!mappedFields.contains(reference.name())) {
                            problem(path, "refers to " + reference + ", which is not a mapped field; mapped fields: "
                                    + mappedFields);
                        }
                    }
                    case CONFIG -> {
                        if (connections.endpoint(reference.name()).isEmpty()) {
                            problem(path, "refers to endpoint '" + reference.name() + "', which is not configured "
                                    + "(set sluice.http.endpoints." + reference.name() + ")");
                        }
                    }
                    case SECRET -> {
                        if (connections.secret(reference.name()).isEmpty()) {
                            problem(path, "refers to secret '" + reference.name() + "', which is not configured "
                                    + "(set sluice.http.secrets." + reference.name() + ")");
                        }
                    }
                    default -> {
                        // destination_id and records have no further condition
                    }
                }
            });
            return problems.size() == before;
        }

        /** With sample values in place, a JSON template must be JSON, or every call would be refused. */
        private boolean isJson(String path, Template template) {
            String sample = template.render(placeholder -> switch (placeholder.reference().kind()) {
                case RECORDS -> "[]";
                default -> placeholder.inJsonString() ? SAMPLE : "\"" + SAMPLE + "\"";
            });
            try {
                strictJson.readTree(sample);
                return true;
            } catch (IOException e) {
                problem(path, "is not JSON once its placeholders are filled in (a placeholder outside quotes "
                        + "becomes a whole JSON value, inside quotes escaped text): "
                        + e.getMessage().lines().findFirst().orElse(""));
                return false;
            }
        }

        private void checkUrl(String path, Template url) {
            boolean configured = url.references().filter(r -> r.kind() == Kind.CONFIG)
                    .allMatch(r -> connections.endpoint(r.name()).isPresent());
            if (!configured) {
                return;
            }
            String sample = url.render(placeholder -> placeholder.reference().kind() == Kind.CONFIG
                    ? HttpRequests.baseUrl(connections.endpoint(placeholder.reference().name()).orElseThrow())
                    : SAMPLE);
            try {
                URI uri = new URI(sample);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    problem(path, "must be an absolute http or https URL, e.g. \"{{config:crm}}/contacts\"; got "
                            + sample);
                }
            } catch (URISyntaxException e) {
                problem(path, "is not a valid URL: " + e.getMessage());
            }
        }

        /** A nested block, or null (reported) when it is not a mapping; unknown keys are reported. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> mapping(Object value, String path, Set<String> known) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map)) {
                problem(path, "must be a mapping");
                return null;
            }
            if (known != null) {
                map.keySet().stream().filter(key -> !known.contains(key.toString())).forEach(key ->
                        problem(path + "." + key, "unknown field; expected one of " + new TreeSet<>(known)));
            }
            return (Map<String, Object>) map;
        }

        private void problem(String field, String message) {
            problems.add(new Problem("http." + field, message));
        }
    }
}
