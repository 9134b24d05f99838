package io.sluice.sandbox.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxServer;
import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.TrafficLog;

/**
 * An in-memory fake of Intercom's contacts API on loopback, for the generic HTTP destination's demo and
 * tests. It refuses what Intercom refuses, in Intercom's error list shape: a missing or wrong bearer token
 * (401), an unknown {@code Intercom-Version} (400), invalid attributes such as an e-mail address (400), a
 * second contact with the same e-mail or external id (409), an unknown contact (404), and calls beyond the
 * rate limit (429, with {@code X-RateLimit-Limit/Remaining/Reset} on every counted response).
 *
 * <p>{@code POST /contacts} creates, {@code PUT /contacts/{id}} updates, {@code GET} reads and
 * {@code DELETE /contacts/{id}} deletes. Every request is kept for inspection; {@code GET /sandbox} shows
 * the contacts to a person.
 */
public final class IntercomSandbox extends SandboxServer {

    /** The token the demo configures; tests may start a sandbox with their own. */
    public static final String DEMO_ACCESS_TOKEN = "sluice-demo-intercom-token";

    /**
     * One API request as it arrived and the status it was answered with.
     *
     * @param query      the raw query string, or null
     * @param headers    every request header, names compared ignoring case
     * @param receivedAt when the request arrived
     */
    public record ReceivedRequest(String method, String path, String query, Map<String, String> headers, String body,
                                  int status, Instant receivedAt) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final String accessToken;
    private final TrafficLog<ReceivedRequest> traffic;
    private final FaultSwitch<Integer> faults = new FaultSwitch<>();
    private final RateLimit rateLimit;
    private final ContactStore store;

    private IntercomSandbox(int port, String accessToken) {
        super("Intercom", port);
        this.accessToken = accessToken;
        ObjectMapper mapper = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        this.traffic = new TrafficLog<>(clock);
        this.rateLimit = new RateLimit(clock);
        this.store = new ContactStore(clock);
        serve("/", new ApiHandler(accessToken, traffic, faults, rateLimit, new ContactsApi(store, mapper), mapper));
        serve(SandboxView.PATH, new IntercomView(store, traffic, mapper));
    }

    /** Starts a sandbox accepting {@link #DEMO_ACCESS_TOKEN} on 127.0.0.1; port 0 picks a free port. */
    public static IntercomSandbox start(int port) {
        return start(port, DEMO_ACCESS_TOKEN);
    }

    public static IntercomSandbox start(int port, String accessToken) {
        return listening(new IntercomSandbox(port, accessToken));
    }

    public String accessToken() {
        return accessToken;
    }

    /** The workspace's contacts in creation order, as {@code GET /contacts/{id}} shows them. */
    public List<Map<String, Object>> contacts() {
        return store.all();
    }

    /** The contact with this external id, if any. */
    public Optional<Map<String, Object>> contactByExternalId(String externalId) {
        return store.findBy("external_id", externalId);
    }

    /** The contact with this e-mail address, whatever its letter case, if any. */
    public Optional<Map<String, Object>> contactByEmail(String email) {
        return store.findBy("email", email);
    }

    /** Every API request received since the start or the last {@link #reset()}, oldest first. */
    public List<ReceivedRequest> requests() {
        return traffic.all();
    }

    /** Answers the next {@code count} API requests with {@code httpStatus} and Intercom's error list, unprocessed. */
    public void failNextRequests(int count, int httpStatus) {
        faults.failNext(count, FaultSwitch.errorStatus(httpStatus));
    }

    /** At most {@code requests} counted calls per fixed window of {@code window}; more answer 429. */
    public void setRateLimit(int requests, Duration window) {
        if (requests < 0 || window.toMillis() < 1) {
            throw new IllegalArgumentException("Expected a non-negative limit and a window of at least 1 ms");
        }
        rateLimit.set(requests, window);
    }

    /** An empty workspace again: no contacts, no recorded requests, no pending faults, the default rate limit. */
    public void reset() {
        store.clear();
        traffic.clear();
        faults.reset();
        rateLimit.reset();
    }
}
