package io.sluice.state;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * How a record's payload is kept in a text column (plans, dead letters, the audit): JSON that reads back
 * as the mapper made it — whole numbers as Long (BigDecimal beyond a long's range: a warehouse's
 * NUMERIC(38)), decimals with their scale — so an approved plan or a replayed dead letter sends exactly
 * what was planned.
 */
@Component
public class PayloadColumns {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public PayloadColumns(ObjectMapper json) {
        // not USE_LONG_FOR_INTS: it fails on a whole number beyond a long instead of reading it as one
        this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
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
            return payload == null ? null : wholeNumbersAsTheMapperMadeThem(json.readValue(payload, PAYLOAD));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored payload is not JSON", e);
        }
    }

    private static Map<String, Object> wholeNumbersAsTheMapperMadeThem(Map<String, Object> payload) {
        payload.replaceAll((field, value) -> wholeNumberAsTheMapperMadeIt(value));
        return payload;
    }

    private static Object wholeNumberAsTheMapperMadeIt(Object value) {
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof BigInteger number) {
            return new BigDecimal(number);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PayloadColumns::wholeNumberAsTheMapperMadeIt).toList();
        }
        return value;
    }
}
