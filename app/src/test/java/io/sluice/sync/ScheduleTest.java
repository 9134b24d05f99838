package io.sluice.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

    @ParameterizedTest
    @CsvSource({
            "every_minute,     0 * * * * ?",
            "every_15_minutes, 0 0/15 * * * ?",
            "every_hour,       0 0 * * * ?",
            "every_day,        0 0 0 * * ?"})
    void aNamedScheduleStandsForItsCron(String name, String cron) {
        Schedule schedule = Schedule.parse(name);

        assertThat(schedule).isEqualTo(new Schedule(name, cron));
        assertThat(schedule.isManual()).isFalse();
    }

    @Test
    void manualHasNoCron() {
        Schedule schedule = Schedule.parse("manual");

        assertThat(schedule.isManual()).isTrue();
        assertThat(schedule.cron()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 30 9 ? * MON-FRI", "0 0/5 8-18 * * ?", "0 0 12 1 1 ? 2099"})
    void aQuartzCronIsKeptAsWritten(String cron) {
        assertThat(Schedule.parse(cron)).isEqualTo(new Schedule(cron, cron));
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertThat(Schedule.parse("  every_day \n")).isEqualTo(new Schedule("every_day", "0 0 0 * * ?"));
        assertThat(Schedule.parse(" manual ").isManual()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"every_2_hours", "Every_Hour", "* * * * *", "0 0 24 * * ?", "0 0 0 * * *", ""})
    void anythingElseIsRefusedWithTheChoices(String expression) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse(expression))
                .withMessageContaining("every_15_minutes, every_day, every_hour, every_minute, manual")
                .withMessageContaining("Quartz cron expression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 0 1 1 ? 2001", "0 0 0 30 2 ?"})
    void aCronThatNeverFiresIsRefused(String cron) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Schedule.parse(cron))
                .withMessage("cron expression '" + cron + "' never fires");
    }
}
