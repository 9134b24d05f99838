package io.sluice.sandbox.hubspot;

import java.util.Map;

/** A whole request refused: answered with {@code status} and a HubSpot error body. */
final class Rejected extends RuntimeException {

    private final transient Answer answer;

    Rejected(int status, Map<String, Object> error) {
        super(String.valueOf(error.get("message")), null, false, false);
        this.answer = Answer.json(status, error);
    }

    static Rejected validation(String message) {
        return new Rejected(400, HubSpotErrors.validation(message));
    }

    Answer answer() {
        return answer;
    }
}
