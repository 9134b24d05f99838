package io.sluice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error the admin API answers, from the security filters, Spring MVC or Sluice itself, is an
 * RFC 9457 problem whose type names its class, so a client tells them apart without reading the text.
 */
class ProblemDetailsTest extends AdminApiContext {

    private static final String PROBLEMS = "https://sluice.dev/problems/";

    static Stream<Arguments> errors() {
        return Stream.of(
                error("GET", "/admin/syncs", null, "", 401, "unauthorized", "Authorization: Bearer"),
                error("GET", "/admin/syncs", "not-a-token", "", 401, "unauthorized", "not one of the configured"),
                error("POST", "/admin/syncs/" + SYNC + "/run", VIEWER, "", 403, "operator-role-required",
                        "needs an operator token"),
                error("GET", "/nowhere", OPERATOR, "", 403, "forbidden", "GET /nowhere is not part of the admin API"),
                error("GET", "/admin/syncs/nope", VIEWER, "", 404, "unknown-sync", "no sync named 'nope'"),
                error("GET", "/admin/syncs/nope/runs", VIEWER, "", 404, "unknown-sync", "no sync named 'nope'"),
                error("GET", "/admin/runs/987654", VIEWER, "", 404, "unknown-run", "no run with id 987654"),
                error("GET", "/admin/runs/987654/records", VIEWER, "", 404, "unknown-run", "987654"),
                error("DELETE", "/admin/dead-letters/987654", OPERATOR, "", 404, "unknown-dead-letter",
                        "no dead letter with id 987654"),
                error("GET", "/admin/nowhere", VIEWER, "", 404, "not-found", "admin/nowhere"),
                error("DELETE", "/admin/syncs", OPERATOR, "", 405, "method-not-allowed", "DELETE"),
                error("GET", "/admin/syncs/" + SYNC + "/run", VIEWER, "", 405, "method-not-allowed", "GET"),
                error("POST", "/admin/syncs/" + SYNC + "/preview", OPERATOR,
                        "{\"padding\":\"" + "x".repeat(100_000) + "\"}", 413, "request-too-large",
                        "sluice.admin.max-request-size"),
                error("POST", "/admin/syncs/" + SYNC + "/preview", OPERATOR, "{not json", 400, "malformed-json",
                        "not JSON"),
                error("POST", "/admin/syncs/" + SYNC + "/preview", OPERATOR, "[1, 2]", 400, "malformed-json",
                        "not a JSON object"),
                error("POST", "/admin/syncs/" + SYNC + "/preview", OPERATOR, "{\"dryRun\": true}", 400, "unknown-field",
                        "unknown field 'dryRun'"),
                error("GET", "/admin/runs/abc", VIEWER, "", 400, "invalid-parameter", "abc"),
                error("GET", "/admin/dead-letters?status=lost", VIEWER, "", 400, "invalid-parameter",
                        "unknown status 'lost'"),
                error("GET", "/admin/dead-letters?limit=0", VIEWER, "", 400, "invalid-parameter",
                        "limit must be from 1 to 1000"),
                error("POST", "/admin/dead-letters/replay", OPERATOR, "", 400, "invalid-parameter", "sync"),
                error("POST", "/admin/syncs/" + SYNC + "/run", OPERATOR + "x", "", 401, "unauthorized",
                        "not one of the configured"));
    }

    @ParameterizedTest(name = "{0} {1} → {4} {5}")
    @MethodSource("errors")
    void isAProblemOfItsType(String method, String path, String token, String body, int status, String type,
                             String detail) {
        Response response = call(method, path, token, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).isEqualTo(PROBLEMS + type);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().path("title").asText()).isNotBlank();
        assertThat(response.body().path("detail").asText()).contains(detail);
        assertThat(response.body().path("instance").asText()).isEqualTo(path.replaceFirst("\\?.*", ""));
        assertThat(response.body().toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aRefusedTokenIsChallengedForABearerToken() {
        assertThat(call("GET", "/admin/syncs", null).header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(call("GET", "/admin/syncs", "not-a-token").header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aWrongMethodSaysWhichAreAllowed() {
        assertThat(call("GET", "/admin/syncs/" + SYNC + "/run", VIEWER).header("Allow")).isEqualTo("POST");
    }

    @Test
    void aUrlRefusedBeforeAnyControllerIsAProblemToo() {
        Response refused = call("GET", "/admin/syncs;jsessionid=1", VIEWER);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body().path("status").asInt()).isEqualTo(400);
        assertThat(refused.body().path("instance").asText()).startsWith("/admin/syncs");
    }

    private static Arguments error(String method, String path, String token, String body, int status, String type,
                                   String detail) {
        return Arguments.of(method, path, token, body, status, type, detail);
    }
}
