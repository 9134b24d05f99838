package io.sluice.sandbox.salesforce;

/** A whole request refused by Salesforce: answered with {@code status} and a one-element error array. */
final class RequestRejected extends RuntimeException {

    private final int status;
    private final SalesforceError error;

    RequestRejected(int status, SalesforceError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    static RequestRejected badRequest(String code, String message) {
        return new RequestRejected(400, SalesforceError.of(code, message));
    }

    static RequestRejected jsonParserError(String message) {
        return badRequest("JSON_PARSER_ERROR", message);
    }

    int status() {
        return status;
    }

    SalesforceError error() {
        return error;
    }
}
