package io.sluice.sandbox.hubspot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The account's object types and their properties: HubSpot's standard objects with their common
 * properties, plus the properties and custom objects a test, a demo or a {@code POST
 * /crm/v3/properties/{objectType}} call defined.
 */
final class Schema {

    enum Kind { TEXT, EMAIL, NUMBER, DATETIME, ENUMERATION }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    record PropertyDefinition(String name, Kind kind, boolean unique, boolean readOnly, List<String> options) {

        static PropertyDefinition of(String name, Kind kind) {
            return new PropertyDefinition(name, kind, false, false, List.of());
        }

        static PropertyDefinition readOnly(String name, Kind kind) {
            return new PropertyDefinition(name, kind, false, true, List.of());
        }

        /**
         * A property as HubSpot's property API describes it. A {@code bool} is an enumeration of true and
         * false, as HubSpot stores it.
         *
         * @throws IllegalArgumentException for a type HubSpot does not know
         */
        static PropertyDefinition custom(String name, String type, boolean unique, List<String> options) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Property name '" + name + "' must start with a lower-case letter "
                        + "and hold only lower-case letters, digits and underscores");
            }
            Kind kind = switch (type == null ? "" : type) {
                case "string" -> Kind.TEXT;
                case "number" -> Kind.NUMBER;
                case "datetime", "date" -> Kind.DATETIME;
                case "enumeration", "bool" -> Kind.ENUMERATION;
                default -> throw new IllegalArgumentException("Unknown property type '" + type
                        + "'; one of string, number, date, datetime, enumeration, bool");
            };
            List<String> allowed = "bool".equals(type) ? List.of("true", "false") : List.copyOf(options);
            if (kind == Kind.ENUMERATION && allowed.isEmpty()) {
                throw new IllegalArgumentException("An enumeration property needs options");
            }
            return new PropertyDefinition(name, kind, unique, false, kind == Kind.ENUMERATION ? allowed : List.of());
        }
    }

    static final class ObjectType {

        private final String name;
        private final String singular;
        private final String objectTypeId;
        private final boolean custom;
        private final String modifiedProperty;
        private final Map<String, PropertyDefinition> properties = new ConcurrentHashMap<>();

        private ObjectType(String name, String singular, String objectTypeId, boolean custom, String modifiedProperty) {
            this.name = name;
            this.singular = singular;
            this.objectTypeId = objectTypeId;
            this.custom = custom;
            this.modifiedProperty = modifiedProperty;
            Stream.of(PropertyDefinition.readOnly("hs_object_id", Kind.NUMBER),
                            PropertyDefinition.readOnly("createdate", Kind.DATETIME),
                            PropertyDefinition.readOnly(modifiedProperty, Kind.DATETIME))
                    .forEach(this::add);
        }

        String name() {
            return name;
        }

        String objectTypeId() {
            return objectTypeId;
        }

        String modifiedProperty() {
            return modifiedProperty;
        }

        Optional<PropertyDefinition> property(String property) {
            return Optional.ofNullable(properties.get(property));
        }

        /** @return false when a property of that name exists already */
        boolean add(PropertyDefinition property) {
            return properties.putIfAbsent(property.name(), property) == null;
        }

        /** Standard objects answer to their name, singular and id; custom ones to {@code p_name}, {@code p<portal>_name} and id. */
        boolean answersTo(String requested, long portalId) {
            String wanted = requested.toLowerCase(Locale.ROOT);
            if (wanted.equals(objectTypeId)) {
                return true;
            }
            return custom
                    ? wanted.equals("p_" + name) || wanted.equals("p" + portalId + "_" + name)
                    : wanted.equals(name) || wanted.equals(singular);
        }
    }

    /** Custom object type ids are {@code 2-} and a number the account assigns. */
    private static final int FIRST_CUSTOM_TYPE_ID = 1234567;

    private final long portalId;
    private final List<ObjectType> types = new CopyOnWriteArrayList<>();

    Schema(long portalId) {
        this.portalId = portalId;
        resetToStandard();
    }

    Optional<ObjectType> find(String requested) {
        return types.stream().filter(type -> type.answersTo(requested, portalId)).findFirst();
    }

    ObjectType require(String requested) {
        return find(requested).orElseThrow(() -> new IllegalArgumentException("No object type '" + requested
                + "' in the sandbox; known: " + types.stream().map(ObjectType::name).toList()));
    }

    List<ObjectType> types() {
        return List.copyOf(types);
    }

    synchronized ObjectType defineCustomObject(String name) {
        String normalized = name.toLowerCase(Locale.ROOT);
        if (find("p_" + normalized).isPresent()) {
            throw new IllegalArgumentException("A custom object '" + name + "' exists already");
        }
        long customCount = types.stream().filter(type -> type.custom).count();
        ObjectType type = new ObjectType(normalized, normalized, "2-" + (FIRST_CUSTOM_TYPE_ID + customCount), true,
                "hs_lastmodifieddate");
        types.add(type);
        return type;
    }

    synchronized void resetToStandard() {
        types.clear();
        types.add(standard("contacts", "contact", "0-1", "lastmodifieddate",
                new PropertyDefinition("email", Kind.EMAIL, true, false, List.of()),
                text("firstname"), text("lastname"), text("phone"), text("company"), text("website"), text("jobtitle"),
                text("city"), text("country"), lifecycleStage()));
        types.add(standard("companies", "company", "0-2", "hs_lastmodifieddate",
                text("name"), text("domain"), text("industry"), text("phone"), text("website"), text("city"),
                text("country"), PropertyDefinition.of("numberofemployees", Kind.NUMBER),
                PropertyDefinition.of("annualrevenue", Kind.NUMBER), lifecycleStage()));
        types.add(standard("deals", "deal", "0-3", "hs_lastmodifieddate",
                text("dealname"), PropertyDefinition.of("amount", Kind.NUMBER), text("dealstage"), text("pipeline"),
                PropertyDefinition.of("closedate", Kind.DATETIME)));
        types.add(standard("tickets", "ticket", "0-5", "hs_lastmodifieddate",
                text("subject"), text("content"), text("hs_pipeline"), text("hs_pipeline_stage"),
                new PropertyDefinition("hs_ticket_priority", Kind.ENUMERATION, false, false,
                        List.of("LOW", "MEDIUM", "HIGH", "URGENT"))));
    }

    private static ObjectType standard(String name, String singular, String id, String modifiedProperty,
                                       PropertyDefinition... properties) {
        ObjectType type = new ObjectType(name, singular, id, false, modifiedProperty);
        Stream.of(properties).forEach(type::add);
        return type;
    }

    private static PropertyDefinition text(String name) {
        return PropertyDefinition.of(name, Kind.TEXT);
    }

    private static PropertyDefinition lifecycleStage() {
        return new PropertyDefinition("lifecyclestage", Kind.ENUMERATION, false, false, List.of("subscriber", "lead",
                "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"));
    }
}
