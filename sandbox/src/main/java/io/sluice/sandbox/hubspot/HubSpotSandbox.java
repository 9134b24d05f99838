package io.sluice.sandbox.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxServer;
import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.hubspot.Schema.ObjectType;
import io.sluice.sandbox.hubspot.Schema.PropertyDefinition;

/**
 * An in-memory fake of HubSpot's CRM v3 API on loopback: batch upsert, read and archive of any object
 * type, property creation, and the membership of lists (Lists v3). It refuses what HubSpot refuses, in HubSpot's shapes — a missing or
 * wrong private app token (401), more than 100 inputs (400), invalid property values (207 with the
 * failed inputs), the burst and daily limits (429 with {@code X-HubSpot-RateLimit-*} headers) — so a
 * client that works against it has been made to handle the real answers.
 *
 * <p>Known objects are contacts, companies, deals and tickets with their common properties; tests and
 * the demo add properties and custom objects. {@code GET /sandbox} shows the records to a person.
 */
public final class HubSpotSandbox extends SandboxServer {

    /** The private app token the sandbox accepts unless started with another. */
    public static final String DEMO_TOKEN = "pat-na1-sluice-sandbox-demo-token";
    public static final long PORTAL_ID = 24681357L;

    /**
     * One call to the CRM API as it arrived and as it was answered.
     *
     * @param authorization the {@code Authorization} header as sent, or null
     * @param inputs        the number of {@code inputs} the body carried
     * @param body          the request body as sent
     */
    public record RecordedRequest(String method, String path, String authorization, int inputs, String body,
                                  int status, Instant receivedAt) {
    }

    /** A record the account holds, with every property as HubSpot keeps it: text. */
    public record CrmObject(String id, Map<String, String> properties, Instant createdAt, Instant updatedAt) {

        public String property(String name) {
            return properties.get(name);
        }

        /** As HubSpot's API shows a record. */
        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("properties", properties);
            json.put("createdAt", createdAt.toString());
            json.put("updatedAt", updatedAt.toString());
            json.put("archived", false);
            return json;
        }
    }

    /**
     * A property to define, as HubSpot's property API describes one.
     *
     * @param type    string, number, date, datetime, enumeration or bool
     * @param unique  whether its values are unique, which lets upserts match on it
     * @param options the allowed values of an enumeration
     */
    public record Property(String name, String type, boolean unique, List<String> options) {

        public static Property text(String name) {
            return new Property(name, "string", false, List.of());
        }

        public static Property uniqueText(String name) {
            return new Property(name, "string", true, List.of());
        }

        public static Property number(String name) {
            return new Property(name, "number", false, List.of());
        }

        public static Property datetime(String name) {
            return new Property(name, "datetime", false, List.of());
        }

        public static Property enumeration(String name, String... options) {
            return new Property(name, "enumeration", false, List.of(options));
        }
    }

    private final String token;
    private final Schema schema = new Schema(PORTAL_ID);
    private final ObjectStore store = new ObjectStore();
    private final TrafficLog<RecordedRequest> traffic;
    private final FaultSwitch<Integer> faults = new FaultSwitch<>();
    private final RateLimits limits;
    private final ListsApi lists;
    private final Clock clock;

    private HubSpotSandbox(int port, String token, Clock clock) {
        super("HubSpot", port);
        this.token = token;
        this.clock = clock;
        this.traffic = new TrafficLog<>(clock);
        this.limits = new RateLimits(clock);
        ObjectMapper mapper = new ObjectMapper();
        this.lists = new ListsApi(store, mapper);
        serve(CrmApi.PATH, new CrmApi(token, schema, traffic, faults, limits,
                new ObjectsApi(store, mapper, clock, PORTAL_ID), new PropertiesApi(), lists, mapper));
        serve(SandboxView.PATH, new HubSpotView(schema, store, lists, mapper, PORTAL_ID));
    }

    /** Starts a sandbox accepting {@link #DEMO_TOKEN} on 127.0.0.1; port 0 picks a free port. */
    public static HubSpotSandbox start(int port) {
        return start(port, DEMO_TOKEN);
    }

    public static HubSpotSandbox start(int port, String token) {
        return start(port, token, Clock.systemUTC());
    }

    /** With a clock of the test's choosing, to move through rate-limit windows without waiting. */
    static HubSpotSandbox start(int port, String token, Clock clock) {
        return listening(new HubSpotSandbox(port, token, clock));
    }

    /** The private app token this sandbox accepts. */
    public String token() {
        return token;
    }

    /**
     * The records of an object type in creation order, archived ones left out.
     *
     * @param objectType as the API takes it: {@code contacts}, {@code contact}, {@code 0-1}, {@code p_cars}, {@code 2-...}
     */
    public List<CrmObject> objects(String objectType) {
        return store.objects(schema.require(objectType));
    }

    /** The record whose property holds the value; e-mail addresses match in any letter case, as in HubSpot. */
    public Optional<CrmObject> findObject(String objectType, String property, String value) {
        ObjectType type = schema.require(objectType);
        PropertyDefinition definition = type.property(property).orElseThrow(
                () -> new IllegalArgumentException(type.name() + " has no property '" + property + "'"));
        return store.find(type, definition, value);
    }

    /**
     * Creates a record, or changes the one whose unique property holds the same value, as a HubSpot user does by
     * hand in the app: without the API's checks, its rate limits or its request log.
     *
     * @param properties property values by internal name; {@code uniqueProperty} among them
     */
    public CrmObject putObject(String objectType, String uniqueProperty, Map<String, String> properties) {
        ObjectType type = schema.require(objectType);
        PropertyDefinition key = type.property(uniqueProperty).filter(PropertyDefinition::unique).orElseThrow(
                () -> new IllegalArgumentException(type.name() + " has no unique property '" + uniqueProperty + "'"));
        return store.upsert(type, key, properties.get(uniqueProperty), properties, clock.instant()).object();
    }

    /**
     * Creates a list of records of one object type, as a HubSpot user does in the app.
     *
     * @param processingType {@code MANUAL} (a static list), {@code SNAPSHOT} or {@code DYNAMIC} (its filters alone
     *                       decide its members: the API refuses membership changes)
     * @return its ILS list id; the first list of a fresh sandbox is {@code 1}
     */
    public String createList(String name, String objectType, String processingType) {
        return lists.create(name, schema.require(objectType), processingType);
    }

    /** The record ids of a list's members, in the order they joined. */
    public List<String> listMembers(String listId) {
        return lists.members(listId);
    }

    /** Every request to the CRM API since the start or the last {@link #reset()}, refused ones included. */
    public List<RecordedRequest> requests() {
        return traffic.all();
    }

    /**
     * Adds properties to an object type.
     *
     * @throws IllegalArgumentException for an unknown object type, a bad name or type, or a property that exists
     */
    public void defineProperties(String objectType, Property... properties) {
        ObjectType type = schema.require(objectType);
        for (Property property : properties) {
            if (!type.add(PropertyDefinition.custom(property.name(), property.type(), property.unique(),
                    property.options()))) {
                throw new IllegalArgumentException(type.name() + " has a property '" + property.name() + "' already");
            }
        }
    }

    /**
     * Defines a custom object, reachable as {@code p_<name>} and by the returned objectTypeId.
     *
     * @return its objectTypeId, such as {@code 2-1234567}
     */
    public String defineCustomObject(String name, Property... properties) {
        String objectTypeId = schema.defineCustomObject(name).objectTypeId();
        defineProperties(objectTypeId, properties);
        return objectTypeId;
    }

    /** Answers the next {@code count} requests with {@code httpStatus} and HubSpot's body for it, unprocessed. */
    public void failNextRequests(int count, int httpStatus) {
        faults.failNext(count, FaultSwitch.errorStatus(httpStatus));
    }

    /** The rolling burst limit: at most {@code max} requests in any {@code interval} (default 100 per 10 s). */
    public void setBurstLimit(int max, Duration interval) {
        if (max < 0 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Expected a non-negative limit and a positive interval");
        }
        limits.setBurstLimit(max, interval);
    }

    /** Requests allowed per day (UTC), default 250,000; beyond it every request answers 429 DAILY. */
    public void setDailyLimit(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("The daily limit cannot be negative: " + max);
        }
        limits.setDailyLimit(max);
    }

    /**
     * Back to a fresh account: no records, no lists, no recorded requests, no pending faults, default limits, and
     * only the standard objects and properties. The token stays valid.
     */
    public void reset() {
        store.clear();
        lists.clear();
        traffic.clear();
        faults.reset();
        limits.reset();
        schema.resetToStandard();
    }
}
