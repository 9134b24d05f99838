package io.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import io.sluice.state.Watermark.Type;

class WatermarkTest {

    @Test
    void aTimestampComesBackAsTheSameTimestamp() {
        Timestamp cursor = Timestamp.valueOf("2026-10-01 12:34:56.123456789");

        Watermark watermark = Watermark.of(cursor);

        assertThat(watermark.type()).isEqualTo(Type.TIMESTAMP);
        assertThat(watermark.sqlValue()).isInstanceOf(Timestamp.class).isEqualTo(cursor);
    }

    @Test
    void aTimestampOnTheMinuteComesBackUnchanged() {
        Timestamp cursor = Timestamp.valueOf("2026-10-01 12:00:00");

        assertThat(Watermark.of(cursor).sqlValue()).isEqualTo(cursor);
    }

    @Test
    void aLocalDateTimeIsKeptAsATimestamp() {
        Watermark watermark = Watermark.of(LocalDateTime.parse("2026-10-01T12:00:30"));

        assertThat(watermark.type()).isEqualTo(Type.TIMESTAMP);
        assertThat(watermark.sqlValue()).isEqualTo(Timestamp.valueOf("2026-10-01 12:00:30"));
    }

    @Test
    void aDateComesBackAsTheSameDate() {
        java.sql.Date cursor = java.sql.Date.valueOf("2026-10-01");

        Watermark watermark = Watermark.of(cursor);

        assertThat(watermark).isEqualTo(new Watermark(Type.DATE, "2026-10-01"));
        assertThat(watermark.sqlValue()).isInstanceOf(java.sql.Date.class).isEqualTo(cursor);
        assertThat(Watermark.of(LocalDate.parse("2026-10-01")).sqlValue()).isEqualTo(cursor);
    }

    @Test
    void aNumberComesBackAsAnEqualDecimal() {
        assertThat(Watermark.of(42).sqlValue()).isEqualTo(new BigDecimal("42"));
        assertThat(Watermark.of(9_007_199_254_740_993L).sqlValue()).isEqualTo(new BigDecimal("9007199254740993"));
        assertThat(Watermark.of(new BigInteger("123456789012345678901234567890")).sqlValue())
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(Watermark.of(new BigDecimal("1754.25")).sqlValue()).isEqualTo(new BigDecimal("1754.25"));
        assertThat(Watermark.of(0.5d).sqlValue()).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void aNumberIsStoredWithoutExponent() {
        assertThat(Watermark.of(new BigDecimal("1E+3"))).isEqualTo(new Watermark(Type.NUMBER, "1000"));
        assertThat(Watermark.of(1.0E10d).value()).isEqualTo("10000000000");
    }

    @Test
    void textComesBackAsTheSameText() {
        Watermark watermark = Watermark.of("2026-10-01#batch-7");

        assertThat(watermark.type()).isEqualTo(Type.TEXT);
        assertThat(watermark.sqlValue()).isEqualTo("2026-10-01#batch-7");
    }

    @Test
    void laterValuesAreAfterEarlierOnes() {
        assertThat(Watermark.isAfter(Timestamp.valueOf("2026-10-01 12:00:00.000000001"),
                Timestamp.valueOf("2026-10-01 12:00:00"))).isTrue();
        assertThat(Watermark.isAfter(java.sql.Date.valueOf("2026-10-02"), java.sql.Date.valueOf("2026-10-01")))
                .isTrue();
        assertThat(Watermark.isAfter("b", "a")).isTrue();
        assertThat(Watermark.isAfter(11L, 9L)).isTrue();
    }

    @Test
    void anEqualOrEarlierValueIsNotAfter() {
        Timestamp noon = Timestamp.valueOf("2026-10-01 12:00:00");

        assertThat(Watermark.isAfter(noon, Timestamp.valueOf("2026-10-01 12:00:00"))).isFalse();
        assertThat(Watermark.isAfter(Timestamp.valueOf("2026-10-01 11:59:59"), noon)).isFalse();
        assertThat(Watermark.isAfter("a", "b")).isFalse();
        assertThat(Watermark.isAfter(9L, 11L)).isFalse();
    }

    @Test
    void anyValueIsAfterNoneAndNoneIsNeverAfter() {
        assertThat(Watermark.isAfter(0, null)).isTrue();
        assertThat(Watermark.isAfter(null, 0)).isFalse();
        assertThat(Watermark.isAfter(null, null)).isFalse();
    }

    @Test
    void numbersOfDifferentTypesCompareByValue() {
        assertThat(Watermark.isAfter(5, 4L)).isTrue();
        assertThat(Watermark.isAfter(4L, 5)).isFalse();
        assertThat(Watermark.isAfter(new BigDecimal("5.00"), 5L)).isFalse();
        assertThat(Watermark.isAfter(5, new BigDecimal("5.00"))).isFalse();
        assertThat(Watermark.isAfter(new BigDecimal("5.01"), 5)).isTrue();
        assertThat(Watermark.isAfter(5L, new BigDecimal("4.99"))).isTrue();
    }
}
