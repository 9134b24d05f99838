package io.sluice.sync;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Fires looked at for the tightest spacing of a cron expression. A spacing shorter than a day shows within
     * the first minute, hour or day the expression fires in, and these fires cover it.
     */
    private static final int FIRES_EXAMINED = 1000;

    /** The fields of a Quartz cron expression, in order, with the values each may hold. */
    private static final List<Field> FIELDS = List.of(new Field("seconds", 0, 59), new Field("minutes", 0, 59),
            new Field("hours", 0, 23), new Field("day-of-month", 1, 31), new Field("month", 1, 12),
            new Field("day-of-week", 1, 7), new Field("year", 1970, 2099));
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private record Field(String name, int min, int max) {
    }

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
     * A cron expression is judged by what it does, not only by whether Quartz reads it: Quartz takes some
     * typos without a word and fires every second. The named schedules are always accepted.
     *
     * @param minInterval the shortest spacing of runs a cron expression may ask for
     *                    ({@code sluice.schedule.min-interval})
     * @throws IllegalArgumentException with a reason fit for the person who wrote the file
     */
    static Schedule parse(String expression, Duration minInterval) {
        String trimmed = expression.trim();
        if (trimmed.equals(MANUAL)) {
            return new Schedule(trimmed, null);
        }
        String named = NAMED.get(trimmed);
        if (named != null) {
            return new Schedule(trimmed, named);
        }
        CronExpression cron;
        try {
            cron = new CronExpression(trimmed);
        } catch (ParseException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is neither one of " + namedList()
                    + " nor a valid Quartz cron expression (" + e.getMessage() + ")");
        }
        Date first = cron.getNextValidTimeAfter(new Date());
        if (first == null) {
            throw new IllegalArgumentException("cron expression '" + trimmed + "' never fires");
        }
        Optional<Duration> tightest = tightestSpacing(cron, first);
        String fires = tightest.map(spacing -> "fires every " + format(spacing)).orElse("fires once");
        List<String> outOfRange = outOfRange(trimmed);
        if (!outOfRange.isEmpty()) {
            throw new IllegalArgumentException("cron expression '" + trimmed + "' " + fires + ": Quartz silently "
                    + "wraps values out of range instead of refusing them, here " + String.join(", ", outOfRange));
        }
        if (tightest.isPresent() && tightest.get().compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("cron expression '" + trimmed + "' " + fires
                    + ", more often than sluice.schedule.min-interval (" + format(minInterval) + ") allows");
        }
        return new Schedule(trimmed, trimmed);
    }

    /** The shortest time between two consecutive fires; empty for an expression that fires once. */
    private static Optional<Duration> tightestSpacing(CronExpression cron, Date first) {
        Duration tightest = null;
        Date previous = first;
        for (int fire = 1; fire < FIRES_EXAMINED; fire++) {
            Date next = cron.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            Duration spacing = Duration.between(previous.toInstant(), next.toInstant());
            if (tightest == null || spacing.compareTo(tightest) < 0) {
                tightest = spacing;
            }
            previous = next;
        }
        return Optional.ofNullable(tightest);
    }

    /**
     * Values outside their field's range that Quartz did not refuse (it reads 99 as every value, for one).
     * Increments, {@code L} offsets and the {@code n} of {@code #n} are not values; Quartz checks those itself.
     */
    private static List<String> outOfRange(String cron) {
        String[] fields = cron.split("\\s+");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            Field field = FIELDS.get(i);
            List<String> values = new ArrayList<>();
            for (String part : fields[i].split(",")) {
                String value = part.split("/")[0].split("#")[0];
                if (value.startsWith("L")) {
                    continue;
                }
                Matcher number = NUMBER.matcher(value);
                while (number.find()) {
                    int n = Integer.parseInt(number.group());
                    if (n < field.min() || n > field.max()) {
                        values.add(number.group());
                    }
                }
            }
            if (!values.isEmpty()) {
                found.add(field.name() + " " + String.join(",", values) + " (" + field.min() + "-" + field.max()
                        + ")");
            }
        }
        return found;
    }

    /** As a duration is written in Sluice's configuration: 90s, 15m, 2h. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0 || millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String namedList() {
        return String.join(", ", new TreeSet<>(NAMED.keySet())) + ", " + MANUAL;
    }
}
