package io.sluice.sync;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Map;
import java.util.TreeSet;

import org.quartz.CronExpression;

/**
 * When a sync runs: a named interval, a Quartz cron expression, or {@code manual} (only through the
 * admin API).
 *
 * @param expression as written in the sync file
 * @param cron       the Quartz cron expression it stands for; {@code null} when manual
 */
public record Schedule(String expression, String cron) {

    private static final Map<String, String> NAMED = Map.of(
            "every_minute", "0 * * * * ?",
            "every_15_minutes", "0 0/15 * * * ?",
            "every_hour", "0 0 * * * ?",
            "every_day", "0 0 0 * * ?");

    public static final String MANUAL = "manual";

    public boolean isManual() {
        return cron == null;
    }

    /**
     * How long the schedule waits between the two runs that follow {@code after}; empty when manual.
     * A cron expression may fire irregularly (weekdays only, say): the interval is the one in force then.
     */
    public Optional<Duration> intervalAfter(Instant after) {
        if (isManual()) {
            return Optional.empty();
        }
        try {
            CronExpression expression = new CronExpression(cron);
            Date next = expression.getNextValidTimeAfter(Date.from(after));
            Date following = next == null ? null : expression.getNextValidTimeAfter(next);
            return following == null ? Optional.empty()
                    : Optional.of(Duration.between(next.toInstant(), following.toInstant()));
        } catch (ParseException e) {
            throw new IllegalStateException("cron expression '" + cron + "' was checked when the file was loaded", e);
        }
    }

    /**
     * @throws IllegalArgumentException with a reason fit for the person who wrote the file
     */
    static Schedule parse(String expression) {
        String trimmed = expression.trim();
        if (trimmed.equals(MANUAL)) {
            return new Schedule(trimmed, null);
        }
        String named = NAMED.get(trimmed);
        if (named != null) {
            return new Schedule(trimmed, named);
        }
        try {
            CronExpression cron = new CronExpression(trimmed);
            if (cron.getNextValidTimeAfter(new Date()) == null) {
                throw new IllegalArgumentException("cron expression '" + trimmed + "' never fires");
            }
            return new Schedule(trimmed, trimmed);
        } catch (ParseException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is neither one of " + namedList()
                    + " nor a valid Quartz cron expression (" + e.getMessage() + ")");
        }
    }

    private static String namedList() {
        return String.join(", ", new TreeSet<>(NAMED.keySet())) + ", " + MANUAL;
    }
}
