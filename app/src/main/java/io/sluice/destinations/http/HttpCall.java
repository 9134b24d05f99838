package io.sluice.destinations.http;

import java.util.Map;
import java.util.TreeMap;

import io.sluice.destinations.RecordOutcome;

/** What a batch turns into: requests to send, and records refused before any request could be made. */
sealed interface HttpCall {

    /**
     * One request, covering one record or a whole batch.
     *
     * @param records   how many records the request carries, each answered by its response
     * @param perRecord the response is one record's: a refusal rejects that record, not the batch
     * @param creates   the request creates its record (the create call of a per-record sync)
     * @param deletes   the request removes its record: an answer that it is gone already is success
     */
    record Request(String method, String url, Map<String, String> headers, String body, int records,
                   boolean perRecord, boolean creates, boolean deletes) implements HttpCall {

        /** Header values hold secrets: never in a log line, a trace or an exception message. */
        @Override
        public String toString() {
            Map<String, String> masked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.keySet().forEach(name -> masked.put(name, "***"));
            return "Request[" + method + " " + url + ", headers=" + masked + ", records=" + records + "]";
        }
    }

    /** A record that cannot be sent as it is (a value its URL needs is empty). */
    record Refused(RecordOutcome outcome) implements HttpCall {
    }
}
