package io.sluice.sandbox.stripe;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.sluice.sandbox.stripe.StripeSandbox.MeterEvent;

/**
 * Billing meter events ({@code POST /v1/billing/meter_events}), with the rules Stripe documents: {@code event_name}
 * and {@code payload} are required; the payload holds the meter's customer key ({@code stripe_customer_id} unless
 * the meter says otherwise) naming a customer that exists, and its value key ({@code value}) holding a number; the
 * {@code timestamp} (seconds since the epoch, default now) lies within the past 35 days and at most 5 minutes ahead;
 * an {@code identifier} (generated when absent) is unique over a rolling 24 hours — a second event with one is
 * refused and counted as a duplicate. Stripe reports some of these asynchronously, in error reports; the sandbox
 * refuses them at once, in Stripe's error shape with the codes of those reports, so a test sees each.
 */
final class MeterEventApi {

    /** A meter's payload keys: which names the customer, which holds the value. */
    record Meter(String customerKey, String valueKey) {
        static final Meter DEFAULT = new Meter("stripe_customer_id", "value");
    }

    private static final Duration PAST = Duration.ofDays(35);
    private static final Duration AHEAD = Duration.ofMinutes(5);
    private static final Duration UNIQUE_FOR = Duration.ofHours(24);
    private static final String PAYLOAD = "payload[";

    private final CustomerStore customers;
    private final Clock clock;
    private final Map<String, Meter> meters = new LinkedHashMap<>();
    private final Map<String, MeterEvent> events = new LinkedHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private long generated;

    MeterEventApi(CustomerStore customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    static boolean handles(List<String> resource) {
        return resource.size() == 2 && resource.get(0).equals("billing") && resource.get(1).equals("meter_events");
    }

    CustomerApi.Execution prepare(String method, Map<String, String> params) {
        if (!method.equals("POST")) {
            throw StripeError.invalidRequest(404, null,
                    "Unrecognized request URL (" + method + ": /v1/billing/meter_events).", null);
        }
        Map<String, String> payload = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            String name = param.getKey();
            if (name.startsWith(PAYLOAD) && name.endsWith("]")) {
                payload.put(name.substring(PAYLOAD.length(), name.length() - 1), param.getValue());
            } else if (!List.of("event_name", "identifier", "timestamp").contains(name) && !name.startsWith("expand")) {
                throw StripeError.unknownParameter(name);
            }
        }
        String eventName = params.get("event_name");
        if (eventName == null || eventName.isEmpty()) {
            throw StripeError.invalidRequest(400, "parameter_missing", "Missing required param: event_name.",
                    "event_name");
        }
        if (payload.isEmpty()) {
            throw StripeError.invalidRequest(400, "parameter_missing", "Missing required param: payload.", "payload");
        }
        Instant now = clock.instant();
        long timestamp = timestamp(params.get("timestamp"), now);
        Meter meter = meter(eventName);
        String customer = payload.get(meter.customerKey());
        if (customer == null || customer.isEmpty()) {
            throw StripeError.invalidRequest(400, "meter_event_no_customer_defined", "Customer mapping key "
                    + meter.customerKey() + " not found in payload.", "payload");
        }
        String value = payload.get(meter.valueKey());
        if (value == null || value.isEmpty()) {
            throw StripeError.invalidRequest(400, "meter_event_value_not_found", "Value key " + meter.valueKey()
                    + " not found in payload.", "payload");
        }
        try {
            new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw StripeError.invalidRequest(400, "meter_event_invalid_value", "Meter event value must be a number, "
                    + "not '" + value + "'.", "payload[" + meter.valueKey() + "]");
        }
        String identifier = params.get("identifier");
        return () -> record(new MeterEvent(identifier, eventName, Map.copyOf(payload), timestamp,
                now.getEpochSecond()), customer);
    }

    private synchronized Map<String, Object> record(MeterEvent event, String customer) {
        if (customers.find(customer).isEmpty()) {
            throw StripeError.invalidRequest(400, "meter_event_customer_not_found", "No customer found for "
                    + "customer ID " + customer + ".", "payload");
        }
        MeterEvent recorded = event.identifier() != null ? event : event.withIdentifier("mev_sandbox_" + ++generated);
        MeterEvent earlier = events.get(recorded.identifier());
        if (earlier != null && clock.instant().getEpochSecond() - earlier.created() < UNIQUE_FOR.toSeconds()) {
            duplicates.incrementAndGet();
            throw StripeError.invalidRequest(400, "resource_already_exists", "An event with identifier '"
                    + recorded.identifier() + "' already exists.", "identifier");
        }
        events.put(recorded.identifier(), recorded);
        return recorded.stripeObject();
    }

    private static long timestamp(String text, Instant now) {
        if (text == null) {
            return now.getEpochSecond();
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw StripeError.invalidRequest(400, "parameter_invalid_integer", "Invalid integer: " + text,
                    "timestamp");
        }
        if (timestamp < now.minus(PAST).getEpochSecond()) {
            throw StripeError.invalidRequest(400, "timestamp_too_far_in_past", "Timestamp must be within the past "
                    + "35 calendar days.", "timestamp");
        }
        if (timestamp > now.plus(AHEAD).getEpochSecond()) {
            throw StripeError.invalidRequest(400, "timestamp_in_future", "Timestamp must be at most 5 minutes in "
                    + "the future.", "timestamp");
        }
        return timestamp;
    }

    synchronized void defineMeter(String eventName, Meter meter) {
        meters.put(eventName, meter);
    }

    private synchronized Meter meter(String eventName) {
        return meters.getOrDefault(eventName, Meter.DEFAULT);
    }

    synchronized List<MeterEvent> all() {
        return new ArrayList<>(events.values());
    }

    int duplicates() {
        return duplicates.get();
    }

    synchronized void clear() {
        events.clear();
        meters.clear();
        duplicates.set(0);
    }
}
