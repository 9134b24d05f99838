package io.sluice.sandbox.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxServer;
import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.TrafficLog;

/**
 * An in-memory fake of the Stripe API's customer resources on loopback, in test mode: update with form-encoded
 * bracket parameters ({@code metadata[plan]=pro}; an empty value deletes the key), retrieve, and list by e-mail
 * address. It refuses what Stripe refuses, in Stripe's error shape: a missing or wrong secret key (401), an unknown
 * customer (404 {@code resource_missing}), unknown parameters, metadata over Stripe's limits (50 keys, keys of 40
 * characters, values of 500), more requests per second than allowed (429 {@code rate_limit}). It keeps Stripe's
 * idempotency promise: the first answer to a key is replayed with {@code Idempotent-Replayed: true}, the same key
 * with other parameters is an {@code idempotency_error}. Every answer carries a {@code Request-Id}.
 *
 * <p>Following Stripe's documentation, an answer is remembered under its idempotency key only once the request
 * ran: a request refused for its parameters, its key or the rate limit leaves nothing behind, while "no such
 * customer" is remembered. Injected failures stand for an outage in front of the API: nothing ran, nothing is
 * remembered. {@code GET /sandbox} shows the customers to a person. Billing meter events follow
 * {@link MeterEventApi}.
 */
public final class StripeSandbox extends SandboxServer {

    /** The secret key the demo sandbox accepts. Test mode only: the sandbox never takes a live key. */
    public static final String DEMO_API_KEY = "sk_test_sluice_local_sandbox";

    private static final String DEMO_CUSTOMERS = "demo-customers.json";

    /** A customer as the sandbox holds it; {@code metadata} is never null. */
    public record Customer(String id, long created, String email, String name, String phone, String description,
                           Map<String, String> metadata) {

        public Customer {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The customer object as Stripe's API returns it. */
        Map<String, Object> stripeObject() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("object", "customer");
            json.put("address", null);
            json.put("balance", 0);
            json.put("created", created);
            json.put("currency", null);
            json.put("delinquent", false);
            json.put("description", description);
            json.put("email", email);
            json.put("invoice_prefix", null);
            json.put("livemode", false);
            json.put("metadata", metadata);
            json.put("name", name);
            json.put("phone", phone);
            json.put("preferred_locales", List.of());
            json.put("shipping", null);
            json.put("tax_exempt", "none");
            return json;
        }
    }

    /**
     * A billing meter event as the sandbox recorded it.
     *
     * @param timestamp when the usage happened, seconds since the epoch
     * @param created   when the sandbox recorded it, seconds since the epoch
     */
    public record MeterEvent(String identifier, String eventName, Map<String, String> payload, long timestamp,
                             long created) {

        MeterEvent withIdentifier(String generated) {
            return new MeterEvent(generated, eventName, payload, timestamp, created);
        }

        /** The meter event object as Stripe's API returns it. */
        Map<String, Object> stripeObject() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("object", "billing.meter_event");
            json.put("created", created);
            json.put("event_name", eventName);
            json.put("identifier", identifier);
            json.put("livemode", false);
            json.put("payload", payload);
            json.put("timestamp", timestamp);
            return json;
        }
    }

    /**
     * One API request as it arrived and as it was answered.
     *
     * @param apiKey         the secret key presented as {@code Authorization: Bearer ...}, or null
     * @param idempotencyKey the {@code Idempotency-Key} header of a POST, or null
     * @param params         the form body of a POST or the query of a GET, decoded, bracket keys as written
     * @param replayed       answered with an earlier answer to the same idempotency key
     * @param receivedAt     when the request arrived, before anything was checked
     */
    public record RecordedRequest(String method, String path, String query, String apiKey, String idempotencyKey,
                                  Map<String, String> params, int status, boolean replayed, String requestId,
                                  Instant receivedAt) {
    }

    private final String initialApiKey;
    private final AtomicReference<String> apiKey;
    private final CustomerStore customers = new CustomerStore();
    private final TrafficLog<RecordedRequest> log;
    private final FaultSwitch<ApiGateway.Outage> outages = new FaultSwitch<>();
    private final FaultSwitch<Boolean> lostAnswers = new FaultSwitch<>();
    private final RequestRate rate;
    private final IdempotencyLedger ledger;
    private final MeterEventApi meterEvents;
    private final ObjectMapper mapper = new ObjectMapper();

    private StripeSandbox(int port, String apiKey) {
        super("Stripe", port);
        Clock clock = Clock.systemUTC();
        this.initialApiKey = apiKey;
        this.apiKey = new AtomicReference<>(apiKey);
        this.log = new TrafficLog<>(clock);
        this.rate = new RequestRate(clock);
        this.ledger = new IdempotencyLedger(clock);
        this.meterEvents = new MeterEventApi(customers, clock);
        serve(ApiGateway.PATH, new ApiGateway(this.apiKey::get, outages, lostAnswers, rate, ledger,
                new CustomerApi(customers), meterEvents, log, mapper));
        serve(SandboxView.PATH, new StripeView(customers, log, mapper));
    }

    /** Starts a sandbox accepting {@link #DEMO_API_KEY} on 127.0.0.1; port 0 picks a free port. */
    public static StripeSandbox start(int port) {
        return start(port, DEMO_API_KEY);
    }

    public static StripeSandbox start(int port, String testModeApiKey) {
        requireTestKey(testModeApiKey);
        return listening(new StripeSandbox(port, testModeApiKey));
    }

    /** The secret key the sandbox accepts now. */
    public String apiKey() {
        return apiKey.get();
    }

    /** Creates a customer, as signing up in Stripe would; the id is chosen by the caller so tests can refer to it. */
    public Customer addCustomer(String id, String email, String name) {
        return addCustomer(id, email, name, Map.of());
    }

    /** As {@link #addCustomer(String, String, String)}, with metadata some other system wrote. */
    public Customer addCustomer(String id, String email, String name, Map<String, String> metadata) {
        Customer customer = new Customer(id, System.currentTimeMillis() / 1000, email, name, null, null, metadata);
        if (!customers.add(customer)) {
            throw new IllegalArgumentException("A customer with id " + id + " exists already");
        }
        return customer;
    }

    public Optional<Customer> customer(String id) {
        return customers.find(id);
    }

    /** Every customer, in creation order. */
    public List<Customer> customers() {
        return customers.all();
    }

    /**
     * Creates the demo account's customers from {@code demo-customers.json} beside this class: the customers of
     * the demo warehouse's {@code analytics.customer_360}, as if they had signed up — except a few that never did,
     * so that writing to them shows what an unknown customer id does.
     *
     * @return how many customers were created
     */
    public int seedDemoCustomers() {
        List<Map<String, String>> demo;
        try (InputStream json = StripeSandbox.class.getResourceAsStream(DEMO_CUSTOMERS)) {
            demo = mapper.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEMO_CUSTOMERS, e);
        }
        demo.forEach(customer -> addCustomer(customer.get("id"), customer.get("email"), customer.get("name")));
        return demo.size();
    }

    /**
     * Events sent for {@code eventName} name their customer and value under these payload keys, as a meter
     * configured so in the Dashboard reads them (default: {@code stripe_customer_id} and {@code value}).
     */
    public void defineMeter(String eventName, String customerKey, String valueKey) {
        meterEvents.defineMeter(eventName, new MeterEventApi.Meter(customerKey, valueKey));
    }

    /** Every meter event recorded, in the order it arrived. */
    public List<MeterEvent> meterEvents() {
        return meterEvents.all();
    }

    /** Meter events refused because one with their identifier was recorded within 24 hours: usage sent twice. */
    public int duplicateMeterEvents() {
        return meterEvents.duplicates();
    }

    public List<RecordedRequest> requests() {
        return log.all();
    }

    /**
     * Back to a fresh account: no customers, no recorded requests or idempotency keys, no pending faults, the
     * default rate limit and the key the sandbox started with.
     */
    public void reset() {
        customers.clear();
        log.clear();
        ledger.clear();
        meterEvents.clear();
        outages.reset();
        lostAnswers.reset();
        rate.reset();
        apiKey.set(initialApiKey);
    }

    /** Answers the next {@code count} requests with {@code httpStatus} in Stripe's error shape, running none. */
    public void failNextRequests(int count, int httpStatus) {
        outages.failNext(count, new ApiGateway.Outage(FaultSwitch.errorStatus(httpStatus), null));
    }

    /** As {@link #failNextRequests(int, int)}, with Stripe's {@code Stripe-Should-Retry} hint on each answer. */
    public void failNextRequests(int count, int httpStatus, boolean shouldRetry) {
        outages.failNext(count, new ApiGateway.Outage(FaultSwitch.errorStatus(httpStatus), shouldRetry));
    }

    /** Runs the next {@code count} requests, then breaks each connection before the answer is complete. */
    public void loseNextAnswers(int count) {
        lostAnswers.failNext(count, true);
    }

    /** Requests per second before answering 429 (Stripe: 25 in test mode, the default here; 100 in live mode). */
    public void limitRequestsPerSecond(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The limit must be positive: " + limit);
        }
        rate.setLimit(limit);
    }

    /** Replaces the secret key, as rolling it in the Dashboard does: the old key answers 401 from now on. */
    public void rollApiKey(String newTestModeKey) {
        requireTestKey(newTestModeKey);
        apiKey.set(newTestModeKey);
    }

    private static void requireTestKey(String key) {
        if (key == null || !key.startsWith("sk_test_")) {
            throw new IllegalArgumentException("The sandbox is in test mode: its key must start with sk_test_");
        }
    }
}
