package io.sluice.destinations.stripe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sluice.sync.DestinationSettings;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileDestination.Problem;

/**
 * A sync's Stripe settings: how records find their customer, and which mapped fields go into the customer's
 * metadata and which into its own fields. Read from the sync file's {@code stripe:} block, whose shape
 * {@code schema/destinations/stripe.schema.json} gives:
 *
 * <pre>
 * stripe:
 *   match_by: customer_id          # or email
 *   metadata: [plan, churn_score]  # default: every mapped field but the key and the customer fields
 *   customer_fields: [name]        # default: none
 * </pre>
 *
 * @param metadataFields mapped field names, each written as the metadata key of the same name
 */
record StripeSettings(MatchBy matchBy, List<String> metadataFields, List<CustomerField> customerFields)
        implements DestinationSettings {

    static final String BLOCK = "stripe";

    private static final String METADATA = "metadata";
    private static final String CUSTOMER_FIELDS = "customer_fields";

    enum MatchBy {
        /** The record key is the Stripe customer id ({@code cus_...}). */
        CUSTOMER_ID,
        /** The record key is an e-mail address that exactly one customer has. */
        EMAIL
    }

    /** The block as written; what it leaves out is {@code null}. The last three are for meter events. */
    record Block(MatchBy matchBy, List<String> metadata, List<CustomerField> customerFields, String eventName,
                 String customerKey, String valueKey) {
    }

    /** Every problem the block's schema cannot see goes to {@code problems}; the settings mean nothing with any. */
    static StripeSettings read(Block block, SyncDefinition sync, List<Problem> problems) {
        String keyField = sync.keyMapping().field();
        Set<String> mapped = new LinkedHashSet<>(sync.mapping().stream().map(FieldMapping::field).toList());
        List<CustomerField> customerFields = new ArrayList<>();
        for (CustomerField field : listed(block.customerFields())) {
            if (writable(field.fieldName(), CUSTOMER_FIELDS, mapped, keyField, problems)) {
                customerFields.add(field);
            }
        }
        List<String> customerFieldNames = customerFields.stream().map(CustomerField::fieldName).toList();

        List<String> metadataFields;
        if (block.metadata() != null) {
            metadataFields = listed(block.metadata()).stream()
                    .filter(field -> writable(field, METADATA, mapped, keyField, problems)).toList();
            metadataFields.stream().filter(customerFieldNames::contains).forEach(field -> problems.add(
                    problem(METADATA, "'" + field + "' is listed in customer_fields too; a field goes to one place")));
            mapped.stream()
                    .filter(field -> !field.equals(keyField) && !metadataFields.contains(field)
                            && !customerFieldNames.contains(field))
                    .forEach(field -> problems.add(problem(METADATA, "mapped field '" + field
                            + "' is written nowhere; list it in stripe.metadata or stripe.customer_fields")));
        } else {
            metadataFields = mapped.stream()
                    .filter(field -> !field.equals(keyField) && !customerFieldNames.contains(field))
                    .toList();
        }
        MetadataLimits.checkKeys(metadataFields)
                .ifPresent(violation -> problems.add(problem(METADATA, violation.message())));
        if (metadataFields.isEmpty() && customerFields.isEmpty()) {
            problems.add(new Problem(BLOCK, "nothing to write: map at least one field besides the record key '"
                    + keyField + "'"));
        }
        return new StripeSettings(block.matchBy() == null ? MatchBy.CUSTOMER_ID : block.matchBy(),
                List.copyOf(metadataFields), List.copyOf(customerFields));
    }

    /** Each entry once: the schema reports one listed twice. */
    private static <T> List<T> listed(List<T> entries) {
        return entries == null ? List.of() : List.copyOf(new LinkedHashSet<>(entries));
    }

    /** A mapped field other than the record key's. */
    private static boolean writable(String field, String setting, Set<String> mapped, String keyField,
                                    List<Problem> problems) {
        if (!mapped.contains(field)) {
            problems.add(problem(setting, "'" + field + "' is not a mapped field; mapped: " + mapped));
            return false;
        }
        if (field.equals(keyField)) {
            problems.add(problem(setting, "'" + field + "' is the record key, which finds the customer; "
                    + "it is not written"));
            return false;
        }
        return true;
    }

    private static Problem problem(String setting, String message) {
        return new Problem(BLOCK + "." + setting, message);
    }
}
