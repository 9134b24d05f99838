package io.sluice.sync;

import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.sluice.config.DiffMode;
import io.sluice.sync.FieldMapping.Cast;
import io.sluice.sync.FieldMapping.Nulls;
import io.sluice.sync.FieldMapping.Transform;
import io.sluice.sync.FieldMapping.Write;

/**
 * A sync file as written, bound from what its schema accepted: what the file leaves out, or the schema
 * rejected, is {@code null}. The destination's block is read by the destination.
 */
record SyncFileDocument(Model model, String warehouse, String destination, String connection, String object, String externalIdField,
                        LinkedHashMap<String, FieldRule> mapping, String cursor, String schedule, SyncMode syncMode,
                        GuardOverrides guards, AlertRules alerts, List<String> processors, DiffMode diff) {

    record Model(String name, String query, String table, String dbt, String primaryKey) {
    }

    /**
     * {@code column: Field}, or the object form {@code column: {field: Field, transform: lowercase, type: date,
     * format: dd/MM/yyyy, default: ..., write: on_create, nulls: skip}}, or a constant
     * {@code name: {value: ..., field: Field}}. One record for every key of the object form: a new key is one more
     * component.
     */
    record FieldRule(String field, Transform transform, Object value, String expression, Cast type, String format,
                     @JsonProperty("default") Object defaultValue, Write write, Nulls nulls) {

        @JsonCreator
        FieldRule {
            transform = transform == null ? Transform.NONE : transform;
            write = write == null ? Write.ALWAYS : write;
            nulls = nulls == null ? Nulls.SEND : nulls;
        }

        @JsonCreator
        static FieldRule of(String field) {
            return new FieldRule(field, Transform.NONE, null, null, null, null, null, Write.ALWAYS, Nulls.SEND);
        }
    }
}
