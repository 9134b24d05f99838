package io.sluice.destinations;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The wait a vendor asks for in a {@code Retry-After} header, in either of its forms: seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param header the header's value; {@code null} when the response had none
     * @param now    what an HTTP date is counted from
     * @return the wait, never negative (a date already past asks for none); empty when there is no header or it
     *         is in neither form
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(nonNegative(Duration.between(now, at)));
            } catch (DateTimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration nonNegative(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
