package io.sluice.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

import io.sluice.sync.AlertRules;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.FieldMapping.Transform;
import io.sluice.sync.AlertRules;
import io.sluice.sync.DestinationSettings;
import io.sluice.sync.Schedule;
import io.sluice.sync.GuardOverrides;
import io.sluice.sync.Schedule;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncMode;

class RecordMapperTest {

    @Test
    void wholeNumbersOfAnyWidthAreSentAsLong() {
        assertThat(valueSent(42)).isEqualTo(42L);
        assertThat(valueSent(42L)).isEqualTo(42L);
        assertThat(valueSent((short) 42)).isEqualTo(42L);
        assertThat(valueSent((byte) 42)).isEqualTo(42L);
    }

    @Test
    void decimalsLoseTheirTrailingZeros() {
        assertThat(valueSent(new BigDecimal("12.50"))).isEqualTo(new BigDecimal("12.5"));
        assertThat(valueSent(new BigDecimal("12"))).isEqualTo(new BigDecimal("12"));
    }

    // Fails today: stripTrailingZeros turns 100.00 into 1E+2, which is what the destination then receives.
    @Test
    void aWholeDecimalIsSentWithoutExponent() {
        assertThat(valueSent(new BigDecimal("100.00"))).hasToString("100");
    }

    @Test
    void aTimestampIsSentAsAUtcInstantWhateverTheJvmZone() {
        // A warehouse timestamp has no zone and means UTC; the JVM's own zone must not shift it.
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            assertThat(valueSent(Timestamp.valueOf("2026-10-01 12:00:00"))).isEqualTo("2026-10-01T12:00:00Z");
            assertThat(valueSent(Timestamp.valueOf("2026-10-01 12:00:00.25"))).isEqualTo("2026-10-01T12:00:00.250Z");
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @Test
    void zonedAndLocalDateTimesAreSentAsUtcInstants() {
        assertThat(valueSent(LocalDateTime.parse("2026-10-01T12:00:00"))).isEqualTo("2026-10-01T12:00:00Z");
        assertThat(valueSent(OffsetDateTime.parse("2026-10-01T14:00:00+02:00"))).isEqualTo("2026-10-01T12:00:00Z");
    }

    @Test
    void timestampsAreWrittenAsIsoInstantWritesThem() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            LocalDateTime utc = LocalDateTime.of(random.nextInt(12_000) - 1_000, 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });

            assertThat(RecordMapper.utcInstant(utc))
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(utc.toInstant(ZoneOffset.UTC)));
        }
    }

    @Test
    void aDateIsSentAsIsoDate() {
        assertThat(valueSent(java.sql.Date.valueOf("2026-10-01"))).isEqualTo("2026-10-01");
    }

    @Test
    void textBooleansAndDoublesAreSentUnchanged() {
        assertThat(valueSent("Acme")).isEqualTo("Acme");
        assertThat(valueSent(true)).isEqualTo(true);
        assertThat(valueSent(0.5f)).isEqualTo(0.5d);
    }

    @Test
    void anArrayIsSentAsAListOfNormalisedValues() {
        assertThat(valueSent(new Object[] {1, "sso", null})).isEqualTo(Arrays.asList(1L, "sso", null));
    }

    @Test
    void aNullValueIsSentAsNull() {
        Map<String, Object> row = new HashMap<>();
        row.put("company", null);

        Map<String, Object> payload = mapper(List.of(field("company", "Company", Transform.NONE)), "company").map(row);

        assertThat(payload).containsEntry("Company", null).hasSize(1);
    }

    @Test
    void transformsApplyToTextOnly() {
        RowMapper mapper = mapper(List.of(
                field("email", "Email", Transform.LOWERCASE),
                field("country", "Country", Transform.UPPERCASE),
                field("company", "Company", Transform.TRIM),
                field("seats", "Seats__c", Transform.UPPERCASE)), "email", "country", "company", "seats");

        Map<String, Object> payload = mapper.map(Map.of(
                "email", "Ada@Example.COM", "country", "gb", "company", "  Acme Ltd ", "seats", 12));

        assertThat(payload).containsExactly(
                Map.entry("Email", "ada@example.com"),
                Map.entry("Country", "GB"),
                Map.entry("Company", "Acme Ltd"),
                Map.entry("Seats__c", 12L));
    }

    @Test
    void columnsAreFoundWhateverTheLetterCaseOfTheRowsLabels() {
        RowMapper mapper = mapper(List.of(
                field("email", "Email", Transform.NONE),
                field("lead_score", "Lead_Score__c", Transform.NONE)), "EMAIL", "Lead_Score");

        Map<String, Object> payload = mapper.map(Map.of("EMAIL", "ada@example.com", "Lead_Score", "hot"));

        assertThat(payload).containsExactly(
                Map.entry("Email", "ada@example.com"),
                Map.entry("Lead_Score__c", "hot"));
    }

    @Test
    void thePayloadHoldsOnlyMappedFieldsInMappingOrder() {
        RowMapper mapper = mapper(List.of(
                field("company", "Company", Transform.NONE),
                field("email", "Email", Transform.NONE)), "email", "user_id", "company");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("email", "ada@example.com");
        row.put("user_id", 7);
        row.put("company", "Acme");

        assertThat(mapper.map(row).keySet()).containsExactly("Company", "Email");
    }

    @Test
    void theCursorIsReadWhateverTheLetterCaseOfItsLabel() {
        Map<String, Object> row = new HashMap<>();
        row.put("UPDATED_AT", "2026-10-01");
        row.put("deleted_at", null);
        List<FieldMapping> mapping = List.of(field("email", "Email", Transform.NONE));

        assertThat(mapperWithCursor(mapping, "updated_at", "email", "UPDATED_AT", "deleted_at").cursorValue(row))
                .isEqualTo("2026-10-01");
        assertThat(mapperWithCursor(mapping, "deleted_at", "email", "UPDATED_AT", "deleted_at").cursorValue(row)).isNull();
        assertThat(mapperWithCursor(mapping, null, "email", "UPDATED_AT", "deleted_at").cursorValue(row)).isNull();
    }

    private static Object valueSent(Object value) {
        Map<String, Object> payload = mapper(List.of(field("value", "Value__c", Transform.NONE)), "value")
                .map(Map.of("value", value));
        return payload.get("Value__c");
    }

    @Test
    void castsConstantsAndDefaultsShapeTheValuesSent() {
        RowMapper mapper = mapper(List.of(field("email", "Email", Transform.NONE),
                        new FieldMapping("signed_up", "Signed_Up__c", Transform.NONE, null, null, FieldMapping.Cast.DATE,
                                "dd/MM/yyyy", null, null, null),
                        new FieldMapping("seen_at", "Seen__c", Transform.NONE, null, null, FieldMapping.Cast.DATETIME,
                                "yyyy-MM-dd HH:mm", null, null, null),
                        new FieldMapping("seats", "Seats__c", Transform.NONE, null, null, FieldMapping.Cast.NUMBER, null, 1L,
                                null, null),
                        new FieldMapping("active", "Active__c", Transform.NONE, null, null, FieldMapping.Cast.BOOLEAN, null,
                                null, null, null),
                        new FieldMapping("LeadSource", "LeadSource", Transform.NONE, "Warehouse", null, null, null, null,
                                null, null)),
                "email", "signed_up", "seen_at", "seats", "active");

        Map<String, Object> row = new java.util.HashMap<>(Map.of("email", "a@example.com", "signed_up", "03/12/2026",
                "seen_at", "2026-12-03 09:30", "active", "yes"));
        row.put("seats", null);

        assertThat(mapper.map(row)).containsEntry("Signed_Up__c", "2026-12-03")
                .containsEntry("Seen__c", "2026-12-03T09:30:00Z")
                .containsEntry("Seats__c", 1L)
                .containsEntry("Active__c", true)
                .containsEntry("LeadSource", "Warehouse");
        row.put("seats", "12.50");
        assertThat(mapper.map(row)).containsEntry("Seats__c", new java.math.BigDecimal("12.5"));
        row.put("signed_up", "2026-12-03");
        assertThatThrownBy(() -> mapper.map(row)).isInstanceOf(RecordMapper.UnmappableRow.class)
                .hasMessage("mapping.signed_up: '2026-12-03' is not a date in the format given");
    }

    /** A mapper fed rows as the warehouse read gives them: values in the order of the row's columns. */
    private record RowMapper(RecordMapper mapper, List<String> columns) {

        Map<String, Object> map(Map<String, Object> row) {
            return mapper.map(asArray(row));
        }

        Object cursorValue(Map<String, Object> row) {
            return mapper.cursorValue(asArray(row));
        }

        private Object[] asArray(Map<String, Object> row) {
            return columns.stream().map(row::get).toArray();
        }
    }

    private static RowMapper mapper(List<FieldMapping> mapping, String... rowColumns) {
        return mapperWithCursor(mapping, null, rowColumns);
    }

    private static RowMapper mapperWithCursor(List<FieldMapping> mapping, String cursor, String... rowColumns) {
        SyncDefinition sync = new SyncDefinition("leads", Path.of("routes/leads.yaml"), "leads", "SELECT 1",
                mapping.get(0).column(), Optional.ofNullable(cursor), mapping, "salesforce", "Lead", mapping.get(0).field(),
                new Schedule("manual", null), SyncMode.FULL, DestinationSettings.NONE,
                GuardOverrides.NONE, AlertRules.GLOBAL);
        return new RowMapper(new RecordMapper(sync, List.of(rowColumns)), List.of(rowColumns));
    }

    private static FieldMapping field(String column, String field, Transform transform) {
        return new FieldMapping(column, field, transform);
    }
}
