package io.sluice.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sluice.sandbox.salesforce.SObjectSchema.SObjectType;

/**
 * What Salesforce checks when a CampaignMember is created, beyond its required CampaignId: the campaign exists; the
 * member is a Contact ({@code ContactId}) or a Lead ({@code LeadId}) the org holds, one of the two being required; and
 * a contact or lead is a campaign's member once — another create for the same pair fails {@code DUPLICATE_VALUE},
 * "Already a campaign member.", and changes nothing.
 */
final class CampaignMembers {

    static final String TYPE = "CampaignMember";

    private CampaignMembers() {
    }

    /**
     * @param fields     the record as it would be saved; its reference ids are made 18 characters long here
     * @param stored     the type of each record the org holds, by 18-character id
     * @param memberships the campaign-and-member pairs that exist or were created earlier in the same request
     */
    static List<SalesforceError> check(Map<String, Object> fields, Map<String, SObjectType> stored,
                                       Set<String> memberships) {
        List<SalesforceError> errors = new ArrayList<>();
        Optional<String> campaign = reference(fields, "CampaignId", "Campaign", stored, errors);
        String memberField = fields.get("ContactId") != null ? "ContactId" : "LeadId";
        if (fields.get(memberField) == null) {
            errors.add(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [ContactId, LeadId]",
                    List.of("ContactId", "LeadId")));
            return errors;
        }
        Optional<String> member = reference(fields, memberField, memberField.equals("ContactId") ? "Contact" : "Lead",
                stored, errors);
        if (campaign.isPresent() && member.isPresent() && !memberships.add(campaign.get() + "/" + member.get())) {
            errors.add(SalesforceError.of("DUPLICATE_VALUE", "Already a campaign member."));
        }
        return errors;
    }

    /** The pair a stored CampaignMember stands for. */
    static String membership(Map<String, Object> fields) {
        Object member = fields.get("ContactId") != null ? fields.get("ContactId") : fields.get("LeadId");
        return fields.get("CampaignId") + "/" + member;
    }

    private static Optional<String> reference(Map<String, Object> fields, String field, String object,
                                              Map<String, SObjectType> stored, List<SalesforceError> errors) {
        Object value = fields.get(field);
        if (value == null) {
            return Optional.empty();
        }
        Optional<String> id = SalesforceIds.normalize(String.valueOf(value));
        if (id.isEmpty()) {
            errors.add(SalesforceError.of("MALFORMED_ID", object + " ID: id value of incorrect type: " + value, field));
            return Optional.empty();
        }
        SObjectType type = stored.get(id.get());
        if (type == null || !type.name().equals(object)) {
            errors.add(SalesforceError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field));
            return Optional.empty();
        }
        fields.put(field, id.get());
        return id;
    }
}
