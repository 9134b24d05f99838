package io.sluice.destinations;

import java.util.ArrayList;
import java.util.List;

import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileDestination.Problem;
import io.sluice.sync.SyncMode;

/**
 * What every destination that keeps an audience's membership (a HubSpot list, a Salesforce campaign) shares. Such a
 * sync adds each record of its model to the audience and, in mirror mode, removes the records that left the model;
 * it never creates, changes or deletes a record of the CRM. Its record key is the value it maps to its
 * {@code external_id_field}, which finds the CRM record that is a member; a record's destination id is that
 * record's id.
 */
public final class Memberships {

    /** The dead letter of a record the CRM does not hold: membership needs a record, and Sluice creates none. */
    public static final String MEMBER_NOT_FOUND = "MEMBER_NOT_FOUND";

    private Memberships() {
    }

    /** The rules a membership sync keeps, whatever its destination; {@code key} names the audience's key. */
    public static List<Problem> problems(SyncDefinition sync, String key) {
        List<Problem> problems = new ArrayList<>();
        if (sync.mode() == SyncMode.APPEND) {
            problems.add(new Problem("sync_mode", "append sends events; a sync with " + key + " keeps an audience's "
                    + "members: use mirror (members leave when they leave the model) or full (members are only added)"));
        }
        if (!sync.keyMapping().field().equals(sync.externalIdField())) {
            problems.add(new Problem("model.primary_key", "a sync with " + key + " is keyed by what finds its members: "
                    + "map the primary key to " + sync.externalIdField() + " (external_id_field). Keyed by another "
                    + "column, a member whose " + sync.externalIdField() + " changed would stay in the audience "
                    + "beside the record it now finds"));
        }
        for (FieldMapping field : sync.mapping()) {
            if (!field.field().equals(sync.externalIdField())) {
                problems.add(new Problem("mapping." + field.column(), "a sync with " + key + " writes no fields: it "
                        + "finds each record by " + sync.externalIdField() + " (external_id_field) and makes it a "
                        + "member; map only the record key to that field"));
            }
        }
        return problems;
    }

    /** The outcome of a record no CRM record answers to. */
    public static RecordOutcome notFound(String object, String field, Object value) {
        return RecordOutcome.rejected(MEMBER_NOT_FOUND, "no " + object + " record has " + field + " '" + value + "': only a "
                + "record the CRM holds can be a member, and Sluice creates none; create it, then replay");
    }
}
