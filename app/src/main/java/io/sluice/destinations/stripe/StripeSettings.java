package io.sluice.destinations.stripe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.sluice.destinations.Destination.Problem;
import io.sluice.sync.FieldMapping;
import io.sluice.sync.SyncDefinition;

/**
 * A sync file's {@code stripe:} block: how records find their customer, and which mapped fields go into the
 * customer's metadata and which into its own fields.
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
record StripeSettings(MatchBy matchBy, List<String> metadataFields, List<CustomerField> customerFields) {

    static final String BLOCK = "stripe";

    private static final String MATCH_BY = "match_by";
    private static final String METADATA = "metadata";
    private static final String CUSTOMER_FIELDS = "customer_fields";
    private static final Set<String> KEYS = new TreeSet<>(Set.of(MATCH_BY, METADATA, CUSTOMER_FIELDS));

    enum MatchBy {
        /** The record key is the Stripe customer id ({@code cus_...}). */
        CUSTOMER_ID("customer_id"),
        /** The record key is an e-mail address that exactly one customer has. */
        EMAIL("email");

        private final String yamlName;

        MatchBy(String yamlName) {
            this.yamlName = yamlName;
        }

        static Optional<MatchBy> named(String name) {
            return Arrays.stream(values()).filter(matchBy -> matchBy.yamlName.equals(name)).findFirst();
        }
    }

    /** The settings, when the block has no problems. */
    record Reading(StripeSettings settings, List<Problem> problems) {

        StripeSettings valid() {
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid stripe settings: " + problems);
            }
            return settings;
        }
    }

    static Reading read(SyncDefinition sync) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> block = sync.settings();
        block.keySet().stream().filter(key -> !KEYS.contains(key)).forEach(key -> problems.add(
                problem(key, "unknown setting; expected one of " + KEYS)));

        MatchBy matchBy = MatchBy.CUSTOMER_ID;
        Object matchByValue = block.get(MATCH_BY);
        if (matchByValue != null) {
            matchBy = MatchBy.named(String.valueOf(matchByValue)).orElse(null);
            if (matchBy == null) {
                problems.add(problem(MATCH_BY, "'" + matchByValue + "' is not a way to match; customer_id "
                        + "(the record key is the Stripe customer id) or email"));
            }
        }

        String keyField = sync.keyMapping().field();
        Set<String> mapped = new LinkedHashSet<>(sync.mapping().stream().map(FieldMapping::field).toList());
        List<CustomerField> customerFields = new ArrayList<>();
        for (String name : fieldList(block, CUSTOMER_FIELDS, mapped, keyField, problems)) {
            CustomerField.named(name).ifPresentOrElse(customerFields::add, () -> problems.add(problem(CUSTOMER_FIELDS,
                    "'" + name + "' is not a customer field Sluice writes; one of " + customerFieldNames())));
        }
        List<String> customerFieldNames = customerFields.stream().map(CustomerField::fieldName).toList();

        List<String> metadataFields;
        if (block.containsKey(METADATA)) {
            metadataFields = fieldList(block, METADATA, mapped, keyField, problems);
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
        return new Reading(new StripeSettings(matchBy, List.copyOf(metadataFields), List.copyOf(customerFields)),
                List.copyOf(problems));
    }

    /** A list of mapped field names other than the record key's. */
    private static List<String> fieldList(Map<String, Object> block, String setting, Set<String> mapped,
                                          String keyField, List<Problem> problems) {
        Object value = block.get(setting);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            problems.add(problem(setting, "must be a list of mapped field names, e.g. [plan, churn_score]"));
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (Object item : items) {
            String field = String.valueOf(item);
            if (!(item instanceof String)) {
                problems.add(problem(setting, "'" + field + "' is not a field name"));
            } else if (!mapped.contains(field)) {
                problems.add(problem(setting, "'" + field + "' is not a mapped field; mapped: " + mapped));
            } else if (field.equals(keyField)) {
                problems.add(problem(setting, "'" + field + "' is the record key, which finds the customer; "
                        + "it is not written"));
            } else if (fields.contains(field)) {
                problems.add(problem(setting, "'" + field + "' is listed twice"));
            } else {
                fields.add(field);
            }
        }
        return fields;
    }

    private static List<String> customerFieldNames() {
        return Arrays.stream(CustomerField.values()).map(CustomerField::fieldName).toList();
    }

    private static Problem problem(String setting, String message) {
        return new Problem(BLOCK + "." + setting, message);
    }
}
