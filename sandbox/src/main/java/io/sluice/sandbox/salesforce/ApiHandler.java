package io.sluice.sandbox.salesforce;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.sluice.sandbox.FaultSwitch;
import io.sluice.sandbox.SandboxExchanges;
import io.sluice.sandbox.SandboxHandler;
import io.sluice.sandbox.TrafficLog;
import io.sluice.sandbox.salesforce.SObjectApi.ApiResponse;
import io.sluice.sandbox.salesforce.SalesforceSandbox.RecordedCall;

/**
 * Everything under {@code /services/data}: the gates every Salesforce API call passes (an outage, the session,
 * the daily quota, in that order), then routing to the sObject resources and Bulk API 2.0 ingest jobs.
 */
final class ApiHandler implements SandboxHandler {

    static final String PATH = "/services/data";

    private static final Pattern API_VERSION = Pattern.compile("v\\d+\\.\\d+");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(Bearer|OAuth)\\s+(\\S+)");

    private final OAuthEndpoint oauth;
    private final TrafficLog<RecordedCall> traffic;
    private final FaultSwitch<Integer> faults;
    private final ApiUsage usage;
    private final SObjectApi api;
    private final BulkIngestApi bulk;
    private final ObjectMapper mapper;
    private final CallHold hold;

    ApiHandler(OAuthEndpoint oauth, TrafficLog<RecordedCall> traffic, FaultSwitch<Integer> faults, ApiUsage usage,
               SObjectApi api, BulkIngestApi bulk, ObjectMapper mapper, CallHold hold) {
        this.oauth = oauth;
        this.traffic = traffic;
        this.faults = faults;
        this.usage = usage;
        this.api = api;
        this.bulk = bulk;
        this.mapper = mapper;
        this.hold = hold;
    }

    @Override
    public void handle(HttpExchange exchange, byte[] body) throws IOException {
        hold.awaitRelease();
        ApiResponse response = respond(exchange, body);
        // Recorded before answering, so a caller that has its answer always finds its call in the log.
        traffic.record(new RecordedCall(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), recordCount(exchange, body), response.status()));
        exchange.getResponseHeaders().set("Sforce-Limit-Info", usage.usageHeader());
        if (response.body() instanceof BulkIngestApi.CsvBody csv) {
            SandboxExchanges.send(exchange, response.status(), "text/csv;charset=UTF-8", csv.text());
        } else if (response.body() == null) {
            SandboxExchanges.send(exchange, response.status(), SandboxExchanges.JSON, new byte[0]);
        } else {
            SandboxExchanges.sendJson(exchange, response.status(), mapper, response.body());
        }
    }

    private ApiResponse respond(HttpExchange exchange, byte[] body) {
        Optional<Integer> outage = faults.take();
        if (outage.isPresent()) {
            return rejected(outage.get(), faultError(outage.get()));
        }
        if (!oauth.isActive(accessToken(exchange))) {
            return rejected(401, SalesforceError.invalidSession());
        }
        if (!usage.tryCount()) {
            return rejected(403, SalesforceError.requestLimitExceeded());
        }
        try {
            return route(exchange.getRequestMethod(), SandboxExchanges.pathSegments(exchange.getRequestURI().getRawPath()),
                    SandboxExchanges.parseForm(exchange.getRequestURI().getRawQuery()), body);
        } catch (RequestRejected rejection) {
            return rejected(rejection.status(), rejection.error());
        }
    }

    private ApiResponse route(String method, List<String> segments, Map<String, String> query, byte[] body) {
        if (segments.size() < 3 || !API_VERSION.matcher(segments.get(2)).matches()) {
            return rejected(404, SalesforceError.notFound());
        }
        String version = segments.get(2);
        List<String> resource = segments.subList(3, segments.size());
        boolean collections = resource.size() >= 2 && resource.get(0).equals("composite")
                && resource.get(1).equals("sobjects");
        if (collections && resource.size() == 4) {
            return allowing("PATCH", method, () -> api.collectionsUpsert(resource.get(2), resource.get(3), body));
        }
        if (collections && resource.size() == 2) {
            return method.equals("POST") ? api.collectionsCreate(body)
                    : allowing("DELETE", method, () -> api.collectionsDelete(query));
        }
        if (resource.size() == 1 && resource.get(0).equals("query")) {
            return allowing("GET", method, () -> api.query(version, query));
        }
        if (resource.size() >= 2 && resource.get(0).equals("jobs") && resource.get(1).equals("ingest")) {
            return ingest(method, version, resource.subList(2, resource.size()), body);
        }
        if (resource.size() == 4 && resource.get(0).equals("sobjects")) {
            return allowing("PATCH", method,
                    () -> api.singleUpsert(version, resource.get(1), resource.get(2), resource.get(3), body));
        }
        return rejected(404, SalesforceError.notFound());
    }

    /** {@code /jobs/ingest}, {@code /jobs/ingest/{id}} and the job's {@code batches} and results. */
    private ApiResponse ingest(String method, String version, List<String> job, byte[] body) {
        if (job.isEmpty()) {
            return allowing("POST", method, () -> bulk.create(version, body));
        }
        String id = job.get(0);
        if (job.size() == 1) {
            return switch (method) {
                case "GET" -> bulk.info(id);
                case "PATCH" -> bulk.changeState(id, body);
                case "DELETE" -> bulk.delete(id);
                default -> allowing("GET, PATCH, DELETE", method, () -> null);
            };
        }
        if (job.size() > 2) {
            return rejected(404, SalesforceError.notFound());
        }
        return switch (job.get(1)) {
            case "batches" -> allowing("PUT", method, () -> bulk.upload(id, body));
            case "successfulResults" -> allowing("GET", method, () -> bulk.successfulResults(id));
            case "failedResults" -> allowing("GET", method, () -> bulk.failedResults(id));
            case "unprocessedrecords" -> allowing("GET", method, () -> bulk.unprocessedRecords(id));
            default -> rejected(404, SalesforceError.notFound());
        };
    }

    private static ApiResponse allowing(String allowed, String method, Supplier<ApiResponse> operation) {
        if (!allowed.equals(method)) {
            return rejected(405, SalesforceError.of("METHOD_NOT_ALLOWED",
                    "HTTP Method '" + method + "' not allowed. Allowed are " + allowed));
        }
        return operation.get();
    }

    private static ApiResponse rejected(int status, SalesforceError error) {
        return new ApiResponse(status, List.of(error.asRequestError()));
    }

    private static SalesforceError faultError(int status) {
        return switch (status) {
            case 401 -> SalesforceError.invalidSession();
            case 403 -> SalesforceError.requestLimitExceeded();
            case 404 -> SalesforceError.notFound();
            case 503 -> SalesforceError.of("SERVER_UNAVAILABLE", "The server is unavailable to handle the request. "
                    + "Typically this issue occurs if the server is down for maintenance or is currently overloaded.");
            default -> SalesforceError.of("UNKNOWN_EXCEPTION", "An unexpected error occurred. "
                    + "Please include this ErrorId if you contact support: 0000000000-00000");
        };
    }

    private static String accessToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher matcher = AUTHORIZATION.matcher(header == null ? "" : header.trim());
        return matcher.matches() ? matcher.group(2) : null;
    }

    /** How many records the call carried, whatever its fate: the body's records, the one record, or the ids. */
    private int recordCount(HttpExchange exchange, byte[] body) {
        if (exchange.getRequestMethod().equals("PUT") && exchange.getRequestURI().getPath().endsWith("/batches")) {
            return bulk.rowCount(body);
        }
        String ids = SandboxExchanges.parseForm(exchange.getRequestURI().getRawQuery()).get("ids");
        if (ids != null) {
            return (int) Arrays.stream(ids.split(",")).filter(id -> !id.isBlank()).count();
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root.path("records").isArray() ? root.path("records").size() : root.isObject() ? 1 : 0;
        } catch (IOException unreadable) {
            return 0;
        }
    }
}
