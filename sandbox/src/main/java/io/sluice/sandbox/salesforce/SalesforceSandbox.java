package io.sluice.sandbox.salesforce;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxServer;
import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * An in-memory fake of the Salesforce REST API on loopback: OAuth token grants, sObject Collections upsert and
 * delete, single-record upsert by external id, and Bulk API 2.0 ingest jobs (upsert and delete, CSV). It refuses what Salesforce refuses, in Salesforce's error
 * shapes, so a client that works against it has been made to handle the real answers.
 *
 * <p>{@link #baseUrl()} is both the login URL and the {@code instance_url} handed out with each token. Known
 * objects are Lead, Contact and Account with their standard fields; any {@code __c} field is accepted as a
 * custom text field that may serve as an external id. {@code GET /sandbox} shows the records to a person.
 */
public final class SalesforceSandbox extends SandboxServer {

    /** The connected app and user the sandbox accepts at its token endpoint. */
    public record Credentials(String clientId, String clientSecret, String refreshToken, String username,
                              String password) {

        public Credentials {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        public static Credentials demo() {
            return new Credentials("sluice-demo-client-id", "sluice-demo-client-secret", "sluice-demo-refresh-token",
                    "demo@sluice.local", "sluice-demo-password");
        }
    }

    /**
     * One call to the REST API (token requests are not API calls), as it arrived and as it was answered.
     *
     * @param query   the raw query string, or null
     * @param records the records the call carried: body records, 1 for a single-record call, or the ids to delete
     * @param status  the HTTP status the sandbox answered
     */
    public record RecordedCall(String method, String path, String query, int records, int status) {
    }

    private final OAuthEndpoint oauth;
    private final TrafficLog<RecordedCall> traffic;
    private final FaultSwitch<Integer> faults = new FaultSwitch<>();
    private final ApiUsage usage;
    private final RecordValidator validator = new RecordValidator();
    private final RecordStore store = new RecordStore(validator);
    private final BulkIngestApi bulk;
    private final CallHold hold = new CallHold();

    private SalesforceSandbox(int port, Credentials credentials) {
        super("Salesforce", port);
        ObjectMapper mapper = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        this.oauth = new OAuthEndpoint(credentials, baseUrl(), mapper);
        this.traffic = new TrafficLog<>(clock);
        this.usage = new ApiUsage(clock);
        this.bulk = new BulkIngestApi(store, mapper, clock);
        serve("/services/oauth2/", oauth);
        serve(ApiHandler.PATH, new ApiHandler(oauth, traffic, faults, usage, new SObjectApi(store, mapper), bulk,
                mapper, hold));
        serve(SandboxView.PATH, new SalesforceView(store, mapper, this::requireFields));
    }

    /** Starts a sandbox accepting {@link Credentials#demo()} on 127.0.0.1; port 0 picks a free port. */
    public static SalesforceSandbox start(int port) {
        return start(port, Credentials.demo());
    }

    public static SalesforceSandbox start(int port, Credentials credentials) {
        return listening(new SalesforceSandbox(port, credentials));
    }

    /** The current records of one object, in creation order, each with its {@code Id} and stored fields. */
    public List<Map<String, Object>> records(String sObjectType) {
        return store.records(SObjectSchema.require(sObjectType));
    }

    /** The first record whose field equals the value; text compares case-insensitively, as Salesforce does. */
    public Optional<Map<String, Object>> findRecord(String sObjectType, String field, Object value) {
        SObjectType type = SObjectSchema.require(sObjectType);
        String canonicalField = field.equalsIgnoreCase("Id") ? "Id" : canonicalField(type, field);
        return store.find(type, canonicalField, value);
    }

    /**
     * Creates a record as a Salesforce user does in the app, with the checks a save makes but without an API call.
     *
     * @param fields by field name, as the API takes them
     * @return its 18-character id
     * @throws IllegalArgumentException with Salesforce's errors when the org refuses the record
     */
    public String createRecord(String sObjectType, Map<String, Object> fields) {
        SObjectType type = SObjectSchema.require(sObjectType);
        Map<String, Object> canonical = new LinkedHashMap<>();
        fields.forEach((field, value) -> canonical.put(canonicalField(type, field), value));
        RecordStore.CreateResult result = store.create(List.of(Map.entry(type, canonical)), true).get(0);
        if (!result.errors().isEmpty()) {
            throw new IllegalArgumentException(type.name() + " refused: " + result.errors());
        }
        return result.id();
    }

    /** The Contact and Lead ids of a campaign's members, in the order they joined. */
    public List<String> campaignMembers(String campaignId) {
        String campaign = SalesforceIds.normalize(campaignId).orElseThrow(
                () -> new IllegalArgumentException("malformed campaign id " + campaignId));
        return records(CampaignMembers.TYPE).stream()
                .filter(member -> campaign.equals(member.get("CampaignId")))
                .map(member -> String.valueOf(member.get("ContactId") != null ? member.get("ContactId")
                        : member.get("LeadId")))
                .toList();
    }

    public List<RecordedCall> calls() {
        return traffic.all();
    }

    /** The sObject Collections upserts of one object, accepted or not. */
    public List<RecordedCall> upserts(String object) {
        String collection = "/composite/sobjects/" + object + "/";
        return calls().stream().filter(call -> call.method().equals("PATCH") && call.path().contains(collection)).toList();
    }

    /** Bulk API 2.0 ingest jobs created ({@code POST .../jobs/ingest}), accepted or not. */
    public List<RecordedCall> bulkJobsCreated() {
        return calls().stream().filter(call -> call.method().equals("POST") && call.path().endsWith("/jobs/ingest"))
                .toList();
    }

    /**
     * Holds closed Bulk API 2.0 jobs in progress (true) or lets the next poll process them (false): a job that a
     * client leaves behind when it dies mid-job.
     */
    public void holdIngestJobs(boolean hold) {
        bulk.hold(hold);
    }

    /**
     * Processes every closed Bulk API 2.0 job still in progress, as Salesforce does whether or not anyone polls it
     * (a job whose client died is completed all the same), and stops holding jobs.
     *
     * @return how many jobs were processed
     */
    public int finishClosedIngestJobs() {
        return bulk.finishClosedJobs();
    }

    /** Requests to the token endpoint, successful or not. */
    public int tokenRequests() {
        return oauth.tokenRequests();
    }

    /**
     * Back to a fresh org: drops records, ingest jobs, recorded calls, pending faults, API usage, the token request count
     * and any changed validation rules or limit, and answers held calls. Issued tokens stay valid, so a connected client
     * keeps working.
     */
    public void reset() {
        store.clear();
        bulk.clear();
        traffic.clear();
        faults.reset();
        usage.reset();
        validator.resetToDefaults();
        oauth.resetTokenRequestCount();
        hold.release();
    }

    /**
     * Replaces the fields an object requires on save. Defaults: Lead {@code Company}, Contact {@code LastName},
     * Account {@code Name}. Call with no fields to require none.
     */
    public void requireFields(String sObjectType, String... fields) {
        SObjectType type = SObjectSchema.require(sObjectType);
        validator.requireFields(type, Arrays.stream(fields).map(field -> canonicalField(type, field)).toList());
    }

    /** Invalidates every issued access token: the next call answers 401 INVALID_SESSION_ID until a new login. */
    public void expireSessions() {
        oauth.expireAll();
    }

    /** The org's rolling 24-hour API allowance; calls beyond it answer 403 REQUEST_LIMIT_EXCEEDED. */
    public void setDailyRequestLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("The daily request limit cannot be negative: " + limit);
        }
        usage.setDailyLimit(limit);
    }

    /** From now on API calls wait, unanswered, until {@link #releaseCalls()}: a vendor slower than any timeout. */
    public void holdCalls() {
        hold.hold();
    }

    /** API calls waiting for {@link #releaseCalls()}. */
    public int heldCalls() {
        return hold.waiting();
    }

    /** Answers the calls held and every call after them. */
    public void releaseCalls() {
        hold.release();
    }

    /** Answers the next {@code count} API calls with {@code httpStatus} and a Salesforce error body, unprocessed. */
    public void failNextCalls(int count, int httpStatus) {
        faults.failNext(count, FaultSwitch.errorStatus(httpStatus));
    }

    private static String canonicalField(SObjectType type, String field) {
        return type.field(field)
                .orElseThrow(() -> new IllegalArgumentException(type.name() + " has no field '" + field + "'"))
                .name();
    }
}
