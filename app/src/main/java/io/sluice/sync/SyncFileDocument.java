package io.sluice.sync;

import java.util.LinkedHashMap;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.sluice.sync.FieldMapping.Nulls;
import io.sluice.sync.FieldMapping.Transform;
import io.sluice.sync.FieldMapping.Write;

/**
 * A sync file as written, bound from what its schema accepted: what the file leaves out, or the schema
 * rejected, is {@code null}. The destination's block is read by the destination.
 */
record SyncFileDocument(Model model, String destination, String object, String externalIdField,
                        LinkedHashMap<String, FieldRule> mapping, String cursor, String schedule, SyncMode syncMode,
                        GuardOverrides guards, AlertRules alerts) {

    record Model(String name, String query, String table, String dbt, String primaryKey) {
    }

    /** {@code column: Field}, or {@code column: {field: Field, transform: lowercase, write: on_create, nulls: skip}}. */
    record FieldRule(String field, Transform transform, Write write, Nulls nulls) {

        @JsonCreator
        FieldRule {
            transform = transform == null ? Transform.NONE : transform;
            write = write == null ? Write.ALWAYS : write;
            nulls = nulls == null ? Nulls.SEND : nulls;
        }

        @JsonCreator
        static FieldRule of(String field) {
            return new FieldRule(field, Transform.NONE, Write.ALWAYS, Nulls.SEND);
        }
    }
}
