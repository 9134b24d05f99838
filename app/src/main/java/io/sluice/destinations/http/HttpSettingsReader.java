package io.sluice.destinations.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.convert.DurationStyle;

import io.sluice.destinations.RateLimit;
import io.sluice.destinations.http.Template.Kind;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileDestination.Problem;
import io.sluice.sync.SyncFileDestination.Reading;
import io.sluice.sync.SyncMode;

/**
 * Compiles a sync file's {@code http:} block into {@link HttpSettings}, or names every mistake in it that its
 * schema cannot see — templates, what they may refer to, rules between its keys and the sync's mode — by field
 * path and reason, so a broken file is reported when Sluice starts, not when a call fails.
 */
final class HttpSettingsReader {

    private static final String SAMPLE = "sample";

    private final HttpConnections connections;
    private final HttpProperties properties;
    private final ObjectMapper strictJson;

    HttpSettingsReader(HttpConnections connections, HttpProperties properties, ObjectMapper json) {
        this.connections = connections;
        this.properties = properties;
        this.strictJson = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The settings, made only when the block has no problems. */
    Reading read(HttpBlock block, SyncDefinition sync) {
        return new Compiling(block, sync).read();
    }

    /** Where a template stands decides what it may refer to. */
    private record Context(Set<Kind> allowed, String rule) {
    }

    /** One sync file's block being compiled; collects problems as it goes. */
    private final class Compiling {

        private final HttpBlock block;
        private final SyncDefinition sync;
        /** The endpoints and secrets of the connection the sync names. */
        private final HttpConnections account;
        private final Set<String> mappedFields = new TreeSet<>();
        private final List<Problem> problems = new ArrayList<>();
        /** sync_mode append: each record is an event, sent once in a call of its own with its identifier. */
        private final boolean events;

        Compiling(HttpBlock block, SyncDefinition sync) {
            this.block = block;
            this.sync = sync;
            this.account = connections.of(sync);
            this.events = sync.mode() == SyncMode.APPEND;
            sync.mapping().stream().map(FieldMapping::field).forEach(mappedFields::add);
        }

        Reading read() {
            int batchSize = batchSize();
            boolean perRecord = batchSize == 1;
            Optional<HttpSettings.Call> call = call(block.url(), block.method(), "", "POST", perRecord
                    ? new Context(EnumSet.of(Kind.FIELD, Kind.DESTINATION_ID, Kind.CONFIG),
                    "a call per record may use its mapped fields, {{destination_id}} and {{config:...}}")
                    : new Context(EnumSet.of(Kind.CONFIG),
                    "a call per batch (batch_size > 1) serves many records: only {{config:...}} fits"));
            Optional<HttpSettings.Call> create = create(perRecord, call);
            Map<String, Template> headers = headers();
            Optional<Template> body = template(block.body(), "body", events
                    ? new Context(EnumSet.of(Kind.FIELD, Kind.EVENT_ID),
                    "an event's body may use its mapped fields and {{event_id}}")
                    : new Context(EnumSet.of(Kind.FIELD), "a record's body may use its mapped fields"), true);
            body.ifPresent(this::checkLeftOutFields);
            Template batchBody = batchBody(perRecord);
            Optional<String> responseId = responseId(perRecord, call);
            Set<Integer> successStatuses = block.successStatuses() == null ? Set.of()
                    : Set.copyOf(block.successStatuses());
            RateLimit rateLimit = rateLimit();
            Optional<HttpSettings.Call> delete = delete();
            if (!problems.isEmpty() || call.isEmpty()) {
                return new Reading(null, problems);
            }
            return new Reading(new HttpSettings(call.get(), create, headers, body, batchSize, batchBody,
                    responseId, successStatuses, rateLimit, delete), List.of());
        }

        /** A field a write may leave out would be rendered null by a body template, and blank the value. */
        private void checkLeftOutFields(Template body) {
            sync.mapping().stream()
                    .filter(field -> field.write() != FieldMapping.Write.ALWAYS
                            || field.nulls() == FieldMapping.Nulls.SKIP)
                    .filter(field -> body.references().anyMatch(reference -> reference.kind() == Kind.FIELD
                            && reference.name().equals(field.field())))
                    .forEach(field -> problem("body", "refers to {{" + field.field() + "}}, which a write may leave "
                            + "out (mapping." + field.column() + ": write " + field.write().name().toLowerCase(
                            Locale.ROOT) + ", nulls " + field.nulls().name().toLowerCase(Locale.ROOT) + "); a body "
                            + "template would send it as null: leave it out of the template"));
        }

        private int batchSize() {
            Integer size = block.batchSize();
            if (size == null) {
                return 1;
            }
            if (events && size > 1) {
                problem("batch_size", "sync_mode append sends one call per event, each with its own {{event_id}}: "
                        + "leave batch_size out or write 1");
                return 1;
            }
            if (size > properties.maxBatchSize()) {
                problem("batch_size", "must be a whole number from 1 to " + properties.maxBatchSize()
                        + " (sluice.http.max-batch-size); 1 sends one call per record");
                return 1;
            }
            return size;
        }

        private Optional<HttpSettings.Call> create(boolean perRecord, Optional<HttpSettings.Call> call) {
            boolean needsCreate = call.map(c -> c.url().uses(Kind.DESTINATION_ID)).orElse(false);
            HttpBlock.Call create = block.create();
            if (create == null) {
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
            return call(create.url(), create.method(), "create.", "POST", new Context(EnumSet.of(Kind.FIELD,
                    Kind.CONFIG),
                    "a create call may use the record's mapped fields and {{config:...}}; it has no destination id yet"));
        }

        private Optional<HttpSettings.Call> delete() {
            boolean mirror = sync.mode() == SyncMode.MIRROR;
            HttpBlock.Call delete = block.delete();
            if (delete == null) {
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
            String externalIdField = sync.externalIdField();
            Optional<HttpSettings.Call> call = call(delete.url(), delete.method(), "delete.", "DELETE",
                    new Context(EnumSet.of(Kind.FIELD, Kind.DESTINATION_ID, Kind.CONFIG),
                            "a record that left the model is known only by {{destination_id}} and {{"
                                    + externalIdField + "}}"));
            call.flatMap(d -> d.url().references()
                            .filter(r -> r.kind() == Kind.FIELD && !r.name().equals(externalIdField)).findFirst())
                    .ifPresent(r -> problem("delete.url", "refers to " + r + ", but a record that left the model is "
                            + "known only by {{destination_id}} and {{" + externalIdField + "}}"));
            if (call.map(d -> d.url().uses(Kind.DESTINATION_ID)).orElse(false) && block.responseId() == null) {
                problem("response_id", "is missing: delete.url refers to {{destination_id}}; name the field of the "
                        + "response that holds it, e.g. id");
            }
            return call;
        }

        /** The schema allows each call's methods in either letter case. */
        private Optional<HttpSettings.Call> call(String url, String method, String prefix, String defaultMethod,
                                                 Context urlContext) {
            Optional<Template> template = template(url, prefix + "url", urlContext, false);
            template.ifPresent(parsed -> checkUrl(prefix + "url", parsed));
            String chosen = method == null ? defaultMethod : method.toUpperCase(Locale.ROOT);
            return template.map(parsed -> new HttpSettings.Call(chosen, parsed));
        }

        private Map<String, Template> headers() {
            Map<String, Template> headers = new LinkedHashMap<>();
            if (block.headers() == null) {
                return headers;
            }
            Context context = events
                    ? new Context(EnumSet.of(Kind.SECRET, Kind.CONFIG, Kind.EVENT_ID),
                    "an event's headers may use {{event_id}}, its idempotency identifier, {{secret:...}} and "
                            + "{{config:...}}")
                    : new Context(EnumSet.of(Kind.SECRET, Kind.CONFIG),
                    "headers are the same for every call: text, {{secret:...}} and {{config:...}}; {{event_id}} "
                            + "only with sync_mode: append");
            block.headers().forEach((name, value) -> {
                String path = "headers." + name;
                parse(path, value).filter(template -> allowed(template, context, path))
                        .ifPresent(template -> headers.put(name, template));
            });
            return headers;
        }

        private Template batchBody(boolean perRecord) {
            if (block.batchBody() == null) {
                return HttpSettings.RECORDS_AS_ARRAY;
            }
            if (perRecord) {
                problem("batch_body", "applies only to calls per batch (batch_size > 1)");
                return HttpSettings.RECORDS_AS_ARRAY;
            }
            return template(block.batchBody(), "batch_body", new Context(EnumSet.of(Kind.RECORDS),
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
            if (block.responseId() == null) {
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
            return Optional.of(block.responseId());
        }

        private RateLimit rateLimit() {
            RateLimit configured = properties.rateLimit();
            HttpBlock.RateLimit limit = block.rateLimit();
            if (limit == null) {
                return configured;
            }
            int requests = limit.requests() == null ? configured.requests() : limit.requests();
            Duration period = configured.period();
            if (limit.per() != null) {
                try {
                    period = DurationStyle.SIMPLE.parse(limit.per().strip());
                    if (period.isZero() || period.isNegative()) {
                        problem("rate_limit.per", "must be longer than zero");
                    }
                } catch (IllegalArgumentException e) {
                    problem("rate_limit.per", "'" + limit.per() + "' is not a duration; e.g. 1s, 10s or 1m");
                }
            }
            return new RateLimit(requests, period);
        }

        /** A template field, parsed, and referring only to what its place allows. */
        private Optional<Template> template(String text, String path, Context context, boolean json) {
            if (text == null) {
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
                        if (account.endpoint(reference.name()).isEmpty()) {
                            problem(path, "refers to endpoint '" + reference.name() + "', which is not configured "
                                    + "(set " + account.property() + ".endpoints." + reference.name() + ")");
                        }
                    }
                    case SECRET -> {
                        if (account.secret(reference.name()).isEmpty()) {
                            problem(path, "refers to secret '" + reference.name() + "', which is not configured "
                                    + "(set " + account.property() + ".secrets." + reference.name() + ")");
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
                    .allMatch(r -> account.endpoint(r.name()).isPresent());
            if (!configured) {
                return;
            }
            String sample = url.render(placeholder -> placeholder.reference().kind() == Kind.CONFIG
                    ? HttpRequests.baseUrl(account.endpoint(placeholder.reference().name()).orElseThrow())
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

        private void problem(String field, String message) {
            problems.add(new Problem("http." + field, message));
        }
    }
}
