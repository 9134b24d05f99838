package io.sluice.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

    /** {@code sluice.schedule.min-interval}'s default. */
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @ParameterizedTest
    @CsvSource({
            "every_minute,     0 * * * * ?",
            "every_15_minutes, 0 0/15 * * * ?",
            "every_hour,       0 0 * * * ?",
            "every_day,        0 0 0 * * ?"})
    void aNamedScheduleStandsForItsCron(String name, String cron) {
        Schedule schedule = Schedule.parse(name, MINUTE);

        assertThat(schedule).isEqualTo(new Schedule(name, cron));
        assertThat(schedule.isManual()).isFalse();
    }

    @Test
    void manualHasNoCron() {
        Schedule schedule = Schedule.parse("manual", MINUTE);

        assertThat(schedule.isManual()).isTrue();
        assertThat(schedule.cron()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 30 9 ? * MON-FRI", "0 0/5 8-18 * * ?", "0 0 12 1 1 ? 2099", "0 * * * * ?",
            "0 0 0 L * ?", "0 0 0 ? * 6#3", "0 0 22-2 * * ?"})
    void aQuartzCronIsKeptAsWritten(String cron) {
        assertThat(Schedule.parse(cron, MINUTE)).isEqualTo(new Schedule(cron, cron));
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertThat(Schedule.parse("  every_day \n", MINUTE)).isEqualTo(new Schedule("every_day", "0 0 0 * * ?"));
        assertThat(Schedule.parse(" manual ", MINUTE).isManual()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"every_2_hours", "Every_Hour", "* * * * *", "0 0 24 * * ?", "0 0 0 * * *", "",
            "0 61 * * * ?", "60 * * * * ?"})
    void anythingElseIsRefusedWithTheChoices(String expression) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse(expression, MINUTE))
                .withMessageContaining("every_15_minutes, every_day, every_hour, every_minute, manual")
                .withMessageContaining("Quartz cron expression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 0 1 1 ? 2001", "0 0 0 30 2 ?", "0 0 0 31 2 ?"})
    void aCronThatNeverFiresIsRefused(String cron) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse(cron, MINUTE))
                .withMessage("cron expression '" + cron + "' never fires");
    }

    @ParameterizedTest
    @CsvSource({
            "'* * * * * ?',      1s",
            "'0/30 * * * * ?',   30s",
            "'0,1 0 * * * ?',    1s",
            "'0 0 3 * * ? *',    1d"})
    void aCronFiringMoreOftenThanTheMinimumIsRefusedWithHowOftenItFires(String cron, String every) {
        Duration minimum = Duration.ofDays(2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse(cron, minimum))
                .withMessage("cron expression '" + cron + "' fires every " + every
                        + ", more often than sluice.schedule.min-interval (2d) allows");
    }

    @Test
    void theDefaultMinimumRefusesSecondsAndAllowsEveryMinute() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse("* * * * * ?", MINUTE))
                .withMessage("cron expression '* * * * * ?' fires every 1s, more often than "
                        + "sluice.schedule.min-interval (1m) allows");
        assertThat(Schedule.parse("0 * * * * ?", MINUTE).cron()).isEqualTo("0 * * * * ?");
    }

    @Test
    void aLowerMinimumAllowsWhatADeploymentAsksFor() {
        assertThat(Schedule.parse("0/1 * * * * ?", Duration.ofSeconds(1)).cron()).isEqualTo("0/1 * * * * ?");
        assertThat(Schedule.parse("* * * * * ?", Duration.ofSeconds(1)).cron()).isEqualTo("* * * * * ?");
    }

    @Test
    void theNamedSchedulesAreAcceptedWhateverTheMinimum() {
        assertThat(Schedule.parse("every_minute", Duration.ofHours(1)).cron()).isEqualTo("0 * * * * ?");
    }

    @Test
    void aTypoQuartzWouldReadAsEverySecondIsRefusedWithTheIntervalItWouldFireAt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse("99 99 * * * ?", MINUTE))
                .withMessage("cron expression '99 99 * * * ?' fires every 1s: Quartz silently wraps values out of "
                        + "range instead of refusing them, here seconds 99 (0-59), minutes 99 (0-59)");
    }

    @ParameterizedTest
    @CsvSource({
            "'0 99 * * * ?',      1m, minutes 99 (0-59)",
            "'0 0 99 * * ?',      1h, hours 99 (0-23)",
            "'0 0 0 99 * ?',      1d, day-of-month 99 (1-31)",
            "'0 0 0 ? 99 MON',    7d, month 99 (1-12)",
            "'0 0 0 * * ? 99',    1d, year 99 (1970-2099)",
            "'0 30,99 * * * ?',   1m, minutes 99 (0-59)",
            "'99/20 * * * * ?',   20s, seconds 99 (0-59)"})
    void aValueOutOfRangeIsRefusedWhateverTheMinimum(String cron, String every, String outOfRange) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse(cron, Duration.ZERO))
                .withMessage("cron expression '" + cron + "' fires every " + every + ": Quartz silently wraps "
                        + "values out of range instead of refusing them, here " + outOfRange);
    }

    @Test
    void durationsAreWrittenAsInConfiguration() {
        assertThat(Schedule.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Schedule.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(Schedule.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Schedule.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
