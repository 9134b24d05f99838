package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * An in-memory fake of the Salesforce REST API on loopback: OAuth token grants, sObject Collections upsert and
 * delete, and single-record upsert by external id. It refuses what Salesforce refuses, in Salesforce's error
 * shapes, so a client that works against it has been made to handle the real answers.
 *
 * <p>{@link #baseUrl()} is both the login URL and the {@code instance_url} handed out with each token. Known
 * objects are Lead, Contact and Account with their standard fields; any {@code __c} field is accepted as a
 * custom text field that may serve as an external id. {@code GET /sandbox} shows the records to a person.
 */
public final class SalesforceSandbox implements AutoCloseable {

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

    private final HttpServer server;
    private final ExecutorService executor;
    private final OAuthEndpoint oauth;
    private final ApiTraffic traffic;
    private final RecordValidator validator;
    private final RecordStore store;

    private SalesforceSandbox(HttpServer server, ExecutorService executor, Credentials credentials) {
        this.server = server;
        this.executor = executor;
        ObjectMapper mapper = new ObjectMapper();
        this.oauth = new OAuthEndpoint(credentials, baseUrl(), mapper);
        this.traffic = new ApiTraffic(Clock.systemUTC());
        this.validator = new RecordValidator();
        this.store = new RecordStore(validator);
        server.createContext("/services/oauth2/", oauth);
        server.createContext(ApiHandler.PATH, new ApiHandler(oauth, traffic, new SObjectApi(store, mapper), mapper));
        server.createContext(SandboxView.PATH, new SandboxView(store, mapper, this::requireFields));
        server.setExecutor(executor);
    }

    /** Starts a sandbox accepting {@link Credentials#demo()} on 127.0.0.1; port 0 picks a free port. */
    public static SalesforceSandbox start(int port) {
        return start(port, Credentials.demo());
    }

    public static SalesforceSandbox start(int port, Credentials credentials) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the Salesforce sandbox to 127.0.0.1:" + port, e);
        }
        SalesforceSandbox sandbox = new SalesforceSandbox(server, Executors.newFixedThreadPool(8, daemonThreads()),
                credentials);
        server.start();
        return sandbox;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
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

    public List<RecordedCall> calls() {
        return traffic.calls();
    }

    /** The sObject Collections upserts of one object, accepted or not. */
    public List<RecordedCall> upserts(String object) {
        String collection = "/composite/sobjects/" + object + "/";
        return calls().stream().filter(call -> call.method().equals("PATCH") && call.path().contains(collection)).toList();
    }

    /** Requests to the token endpoint, successful or not. */
    public int tokenRequests() {
        return oauth.tokenRequests();
    }

    /**
     * Back to a fresh org: drops records, recorded calls, pending faults, API usage, the token request count and
     * any changed validation rules or limit. Issued tokens stay valid, so a connected client keeps working.
     */
    public void reset() {
        store.clear();
        traffic.reset();
        validator.resetToDefaults();
        oauth.resetTokenRequestCount();
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
        traffic.setDailyLimit(limit);
    }

    /** Answers the next {@code count} API calls with {@code httpStatus} and a Salesforce error body, unprocessed. */
    public void failNextCalls(int count, int httpStatus) {
        if (count < 0 || httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException(
                    "Expected a non-negative count and an error status, got " + count + " x " + httpStatus);
        }
        traffic.failNext(count, httpStatus);
    }

    private static String canonicalField(SObjectType type, String field) {
        return type.field(field)
                .orElseThrow(() -> new IllegalArgumentException(type.name() + " has no field '" + field + "'"))
                .name();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "salesforce-sandbox-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
