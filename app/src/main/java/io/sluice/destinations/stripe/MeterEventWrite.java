package io.sluice.destinations.stripe;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.stripe.param.billing.MeterEventCreateParams;

import io.sluice.destinations.EventIdentifiers;
import io.sluice.destinations.OutboundRecord;
import io.sluice.destinations.RecordOutcome;

/**
 * One record sent as a Billing meter event. Its {@code identifier}, derived from the sync and the record key, is
 * the same every time the event is sent, so Stripe records it once; it is the request's idempotency key too, so a
 * request sent again after a crash gets the answer Stripe gave the first. An answer Stripe remembered from a refused
 * request (say, an unknown customer, since created) says nothing about now: the event is sent again under a key
 * derived from that request — with the same identifier.
 */
final class MeterEventWrite extends StripeWrite {

    private static final String ALREADY_RECORDED = "resource_already_exists";

    private final String identifier;
    private final MeterEventCreateParams params;
    private String idempotencyKey;
    private int sends;

    MeterEventWrite(String sync, OutboundRecord record, MeterEventSettings settings) {
        this.identifier = EventIdentifiers.of(sync, record.key());
        this.idempotencyKey = identifier;
        MeterEventCreateParams.Builder builder = MeterEventCreateParams.builder()
                .setEventName(settings.eventName())
                .setIdentifier(identifier);
        MeterEventCreateParams built = null;
        try {
            record.payload().forEach((field, value) -> {
                if (field.equals(MeterEventSettings.TIMESTAMP)) {
                    if (value != null) {
                        builder.setTimestamp(epochSeconds(value));
                    }
                } else if (value != null && !field.equals(settings.keyField())) {
                    builder.putPayload(field, text(value));
                }
            });
            built = builder.build();
        } catch (DateTimeParseException e) {
            finish(RecordOutcome.rejected("timestamp_invalid", "timestamp '"
                    + record.payload().get(MeterEventSettings.TIMESTAMP)
                    + "' is not a time (seconds since the epoch, a date or a date and time); nothing was sent"));
        }
        this.params = built;
    }

    @Override
    void advance(StripeApi api) {
        try {
            sends++;
            api.createMeterEvent(params, idempotencyKey);
            finish(RecordOutcome.accepted(identifier, true));
        } catch (StripeRefusal refusal) {
            if (ALREADY_RECORDED.equals(refusal.code())) {
                // sent before, under another idempotency key: recorded once, which is what was asked
                finish(RecordOutcome.accepted(identifier, true));
            } else if (refusal.replayedFrom().isPresent() && sends < CustomerWrite.MAX_WRITES) {
                idempotencyKey = IdempotencyKeys.after(idempotencyKey, refusal.replayedFrom().get());
            } else {
                finish(refusal.outcome());
            }
        }
    }

    /** Stripe takes seconds since the epoch; a date is its first second in UTC, a zoneless time is UTC. */
    private static long epochSeconds(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = value.toString().strip().replace(' ', 'T');
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        }
        try {
            return OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeParseException zoneless) {
            return LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
        }
    }

    /** Payload values are text; a decimal without exponent, as a meter sums it. */
    private static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
