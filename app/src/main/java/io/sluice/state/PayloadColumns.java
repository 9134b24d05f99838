package io.sluice.state;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * How a record's payload is kept in a text column (plans, dead letters, the audit): JSON that reads back
 * as the mapper made it — whole numbers as Long, decimals with their scale — so an approved plan or a
 * replayed dead letter sends exactly what was planned.
 */
@Component
public class PayloadColumns {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public PayloadColumns(ObjectMapper json) {
        this.json = json.copy()
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Null stays null: an audit row of a skipped record has no payload. */
    public String write(Map<String, Object> payload) {
        try {
            return payload == null ? null : json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Payload cannot be serialised", e);
        }
    }

    public Map<String, Object> read(String payload) {
        try {
            return payload == null ? null : json.readValue(payload, PAYLOAD);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored payload is not JSON", e);
        }
    }
}
