package io.sluice.sandbox.salesforce;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The objects the sandbox knows, with the writable standard fields of each. Salesforce matches object and field
 * names case-insensitively, so lookups here do too. Lengths are those of a default org; custom fields
 * ({@code __c}) are unknown here, so they are taken to be 255-character text fields usable as external ids.
 */
final class SObjectSchema {

    /** What a field holds; a JSON value Salesforce cannot read as that type fails the whole request. */
    enum FieldKind { TEXT, EMAIL, NUMBER, BOOLEAN, DATE, OTHER }

    record FieldSpec(String name, FieldKind kind, int maxLength, boolean idLookup) {

        static FieldSpec text(String name, int maxLength) {
            return new FieldSpec(name, FieldKind.TEXT, maxLength, false);
        }

        static FieldSpec email(String name) {
            return new FieldSpec(name, FieldKind.EMAIL, 80, true);
        }

        static FieldSpec number(String name) {
            return new FieldSpec(name, FieldKind.NUMBER, 0, false);
        }

        static FieldSpec bool(String name) {
            return new FieldSpec(name, FieldKind.BOOLEAN, 0, false);
        }

        static FieldSpec date(String name) {
            return new FieldSpec(name, FieldKind.DATE, 0, false);
        }

        static FieldSpec other(String name) {
            return new FieldSpec(name, FieldKind.OTHER, 0, false);
        }

        static FieldSpec custom(String name) {
            return new FieldSpec(name, FieldKind.TEXT, 255, true);
        }
    }

    record SObjectType(String name, String keyPrefix, Map<String, FieldSpec> standardFields,
                       List<String> defaultRequiredFields) {

        Optional<FieldSpec> field(String fieldName) {
            FieldSpec standard = standardFields.get(fieldName.toLowerCase(Locale.ROOT));
            if (standard != null) {
                return Optional.of(standard);
            }
            return fieldName.toLowerCase(Locale.ROOT).endsWith("__c") && fieldName.length() > 3
                    ? Optional.of(FieldSpec.custom(fieldName))
                    : Optional.empty();
        }
    }

    private static final Map<String, SObjectType> TYPES = Stream.of(lead(), contact(), account(), campaign(), campaignMember())
            .collect(Collectors.toUnmodifiableMap(type -> type.name().toLowerCase(Locale.ROOT), Function.identity()));

    private SObjectSchema() {
    }

    static Optional<SObjectType> find(String objectName) {
        return Optional.ofNullable(TYPES.get(objectName.toLowerCase(Locale.ROOT)));
    }

    static Optional<SObjectType> forId(String id18) {
        String prefix = id18.substring(0, 3);
        return TYPES.values().stream().filter(type -> type.keyPrefix().equals(prefix)).findFirst();
    }

    static SObjectType require(String objectName) {
        return find(objectName).orElseThrow(() -> new IllegalArgumentException(
                "Unknown sObject type '" + objectName + "'; the sandbox knows " + knownNames()));
    }

    static List<String> knownNames() {
        return TYPES.values().stream().map(SObjectType::name).sorted().toList();
    }

    private static SObjectType lead() {
        return type("Lead", "00Q", List.of("Company"),
                FieldSpec.text("Salutation", 40), FieldSpec.text("FirstName", 40), FieldSpec.text("MiddleName", 40),
                FieldSpec.text("LastName", 80), FieldSpec.text("Suffix", 40), FieldSpec.text("Title", 128),
                FieldSpec.text("Company", 255), FieldSpec.email("Email"), FieldSpec.text("Phone", 40),
                FieldSpec.text("MobilePhone", 40), FieldSpec.text("Fax", 40), FieldSpec.text("Website", 255),
                FieldSpec.text("Street", 255), FieldSpec.text("City", 40), FieldSpec.text("State", 80),
                FieldSpec.text("PostalCode", 20), FieldSpec.text("Country", 80), FieldSpec.text("Status", 255),
                FieldSpec.text("LeadSource", 255), FieldSpec.text("Industry", 255), FieldSpec.text("Rating", 255),
                FieldSpec.text("Description", 32000), FieldSpec.number("AnnualRevenue"),
                FieldSpec.number("NumberOfEmployees"), FieldSpec.other("OwnerId"),
                FieldSpec.bool("HasOptedOutOfEmail"), FieldSpec.bool("DoNotCall"));
    }

    private static SObjectType contact() {
        return type("Contact", "003", List.of("LastName"),
                FieldSpec.text("Salutation", 40), FieldSpec.text("FirstName", 40), FieldSpec.text("MiddleName", 40),
                FieldSpec.text("LastName", 80), FieldSpec.text("Suffix", 40), FieldSpec.text("Title", 128),
                FieldSpec.text("Department", 80), FieldSpec.email("Email"), FieldSpec.text("Phone", 40),
                FieldSpec.text("MobilePhone", 40), FieldSpec.text("HomePhone", 40), FieldSpec.text("OtherPhone", 40),
                FieldSpec.text("Fax", 40), FieldSpec.text("MailingStreet", 255), FieldSpec.text("MailingCity", 40),
                FieldSpec.text("MailingState", 80), FieldSpec.text("MailingPostalCode", 20),
                FieldSpec.text("MailingCountry", 80), FieldSpec.text("LeadSource", 255),
                FieldSpec.text("Description", 32000), FieldSpec.other("AccountId"), FieldSpec.date("Birthdate"),
                FieldSpec.other("OwnerId"), FieldSpec.other("ReportsToId"), FieldSpec.bool("HasOptedOutOfEmail"),
                FieldSpec.bool("DoNotCall"));
    }

    private static SObjectType account() {
        return type("Account", "001", List.of("Name"),
                FieldSpec.text("Name", 255), FieldSpec.text("AccountNumber", 40), FieldSpec.text("Site", 80),
                FieldSpec.text("Type", 255), FieldSpec.text("Industry", 255), FieldSpec.text("Rating", 255),
                FieldSpec.text("Ownership", 255), FieldSpec.text("Phone", 40), FieldSpec.text("Fax", 40),
                FieldSpec.text("Website", 255), FieldSpec.text("TickerSymbol", 20), FieldSpec.text("Sic", 20),
                FieldSpec.text("BillingStreet", 255), FieldSpec.text("BillingCity", 40),
                FieldSpec.text("BillingState", 80), FieldSpec.text("BillingPostalCode", 20),
                FieldSpec.text("BillingCountry", 80), FieldSpec.text("ShippingStreet", 255),
                FieldSpec.text("ShippingCity", 40), FieldSpec.text("ShippingState", 80),
                FieldSpec.text("ShippingPostalCode", 20), FieldSpec.text("ShippingCountry", 80),
                FieldSpec.text("Description", 32000), FieldSpec.number("AnnualRevenue"),
                FieldSpec.number("NumberOfEmployees"), FieldSpec.other("OwnerId"), FieldSpec.other("ParentId"));
    }

    private static SObjectType campaign() {
        return type("Campaign", "701", List.of("Name"),
                FieldSpec.text("Name", 80), FieldSpec.text("Status", 255), FieldSpec.text("Type", 255),
                FieldSpec.bool("IsActive"), FieldSpec.date("StartDate"), FieldSpec.date("EndDate"),
                FieldSpec.text("Description", 32000), FieldSpec.other("OwnerId"));
    }

    /**
     * A campaign's member: the junction of a Campaign and a Contact or a Lead, unique per pair ({@link
     * CampaignMembers} keeps the rules a field list cannot say).
     */
    private static SObjectType campaignMember() {
        return type("CampaignMember", "00v", List.of("CampaignId"),
                FieldSpec.other("CampaignId"), FieldSpec.other("ContactId"), FieldSpec.other("LeadId"),
                FieldSpec.text("Status", 40));
    }

    private static SObjectType type(String name, String keyPrefix, List<String> required, FieldSpec... fields) {
        Map<String, FieldSpec> byLowerCaseName = Arrays.stream(fields)
                .collect(Collectors.toUnmodifiableMap(field -> field.name().toLowerCase(Locale.ROOT),
                        Function.identity()));
        return new SObjectType(name, keyPrefix, byLowerCaseName, required);
    }
}
