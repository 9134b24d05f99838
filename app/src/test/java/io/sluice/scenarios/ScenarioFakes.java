package io.sluice.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sluice.sandbox.http.IntercomSandbox;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.sandbox.slack.SlackSandbox;
import io.sluice.sandbox.stripe.StripeSandbox;

/**
 * The destination fakes as scenario files name them — {@code salesforce}, {@code hubspot}, {@code stripe},
 * {@code slack}, {@code intercom} (the HTTP destination's fake) — and what each holds, as plain maps.
 */
final class ScenarioFakes {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final SalesforceSandbox salesforce;
    private final HubSpotSandbox hubspot;
    private final StripeSandbox stripe;
    private final SlackSandbox slack;
    private final IntercomSandbox intercom;

    ScenarioFakes(SalesforceSandbox salesforce, HubSpotSandbox hubspot, StripeSandbox stripe, SlackSandbox slack,
                  IntercomSandbox intercom) {
        this.salesforce = salesforce;
        this.hubspot = hubspot;
        this.stripe = stripe;
        this.slack = slack;
        this.intercom = intercom;
    }

    static boolean isFake(String name) {
        return List.of("salesforce", "hubspot", "stripe", "slack", "intercom").contains(name);
    }

    void reset() {
        salesforce.reset();
        hubspot.reset();
        stripe.reset();
        slack.reset();
        intercom.reset();
    }

    /**
     * What a destination holds before the first run, as its admin would have set it up:
     * {@code hubspot.properties.<object>: [{name, type, options}]} (type text, unique_text, number, datetime or
     * enumeration) and {@code stripe.customers: [{id, email, name}]}.
     */
    @SuppressWarnings("unchecked")
    void given(Map<String, Object> given) {
        Map<String, Object> hubspotGiven = (Map<String, Object>) given.getOrDefault("hubspot", Map.of());
        ((Map<String, List<Map<String, Object>>>) hubspotGiven.getOrDefault("properties", Map.of()))
                .forEach((object, properties) -> hubspot.defineProperties(object,
                        properties.stream().map(ScenarioFakes::property).toArray(HubSpotSandbox.Property[]::new)));
        Map<String, Object> stripeGiven = (Map<String, Object>) given.getOrDefault("stripe", Map.of());
        ((List<Map<String, String>>) stripeGiven.getOrDefault("customers", List.of()))
                .forEach(customer -> stripe.addCustomer(customer.get("id"), customer.get("email"), customer.get("name")));
    }

    @SuppressWarnings("unchecked")
    private static HubSpotSandbox.Property property(Map<String, Object> property) {
        String name = (String) property.get("name");
        return switch ((String) property.getOrDefault("type", "text")) {
            case "unique_text" -> HubSpotSandbox.Property.uniqueText(name);
            case "number" -> HubSpotSandbox.Property.number(name);
            case "datetime" -> HubSpotSandbox.Property.datetime(name);
            case "enumeration" -> HubSpotSandbox.Property.enumeration(name,
                    ((List<String>) property.get("options")).toArray(String[]::new));
            default -> HubSpotSandbox.Property.text(name);
        };
    }

    /** The records of one collection: an sObject, a HubSpot object type, Stripe customers, a Slack channel, Intercom contacts. */
    List<Map<String, Object>> records(String fake, String collection) {
        return switch (fake) {
            case "salesforce" -> salesforce.records(collection);
            case "hubspot" -> hubspot.objects(collection).stream().map(object -> {
                Map<String, Object> record = new LinkedHashMap<>(object.properties());
                record.put("id", object.id());
                return record;
            }).toList();
            case "stripe" -> maps(stripe.customers());
            case "slack" -> maps(slack.messages(collection));
            case "intercom" -> intercom.contacts();
            default -> throw new IllegalArgumentException("no fake named '" + fake + "'");
        };
    }

    /** API requests the fake has answered so far. */
    int requests(String fake) {
        return switch (fake) {
            case "salesforce" -> salesforce.calls().size();
            case "hubspot" -> hubspot.requests().size();
            case "stripe" -> stripe.requests().size();
            case "slack" -> slack.requests().size();
            case "intercom" -> intercom.requests().size();
            default -> throw new IllegalArgumentException("no fake named '" + fake + "'");
        };
    }

    private static List<Map<String, Object>> maps(List<?> records) {
        List<Map<String, Object>> maps = new ArrayList<>();
        records.forEach(record -> maps.add(JSON.convertValue(record, MAP)));
        return maps;
    }
}
