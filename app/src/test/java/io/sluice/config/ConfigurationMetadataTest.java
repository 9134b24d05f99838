package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * IDEs complete and explain {@code sluice.*} properties from the metadata on the classpath (the product's, generated
 * from the {@code @ConfigurationProperties} records, and the sandbox module's): every property has a description.
 */
class ConfigurationMetadataTest {

    @Test
    void everySluicePropertyIsDescribed() throws IOException {
        List<JsonNode> properties = new ArrayList<>();
        for (URL metadata : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                new ObjectMapper().readTree(in).path("properties").forEach(properties::add);
            }
        }
        List<JsonNode> sluice = properties.stream()
                .filter(property -> property.path("name").asText().startsWith("sluice.")).toList();

        assertThat(sluice).extracting(property -> property.path("name").asText())
                .contains("sluice.routes-dir", "sluice.warehouse.url", "sluice.delivery.batches-in-flight",
                        "sluice.hubspot.token", "sluice.sandbox.enabled");
        assertThat(sluice).filteredOn(property -> property.path("description").asText().isBlank())
                .extracting(property -> property.path("name").asText())
                .as("properties without a description").isEmpty();
    }
}
