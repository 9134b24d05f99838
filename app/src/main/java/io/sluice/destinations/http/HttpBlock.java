package io.sluice.destinations.http;

import java.util.List;
import java.util.Map;

/**
 * A sync file's {@code http:} block as written, its shape {@code schema/destinations/http.schema.json}'s; what it
 * leaves out is {@code null}. {@link HttpSettingsReader} compiles it into {@link HttpSettings}.
 */
record HttpBlock(String url, String method, Call create, String responseId, Map<String, String> headers,
                 String body, Integer batchSize, String batchBody, List<Integer> successStatuses,
                 RateLimit rateLimit, Call delete) {

    record Call(String url, String method) {
    }

    record RateLimit(Integer requests, String per) {
    }
}
