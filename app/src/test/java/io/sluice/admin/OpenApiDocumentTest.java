package io.sluice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document describes every call the admin API answers, as the controllers map them, so a
 * new endpoint without a description fails here; it is for token holders only, like the API itself.
 */
class OpenApiDocumentTest extends AdminApiContext {

    /** A path item's keys that are operations (the others are its summary, parameters, ...). */
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentAndSwaggerUiNeedAViewerToken() {
        for (String path : new String[]{"/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui.html",
                "/swagger-ui/index.html"}) {
            Response stranger = call("GET", path, null);
            assertThat(stranger.status()).as(path).isEqualTo(401);
            assertThat(stranger.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(stranger.header("WWW-Authenticate")).as(path).startsWith("Bearer");
        }

        assertThat(call("GET", "/v3/api-docs", VIEWER).status()).isEqualTo(200);
        assertThat(call("GET", "/v3/api-docs.yaml", VIEWER).status()).isEqualTo(200);
        Response ui = call("GET", "/swagger-ui/index.html", VIEWER);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Type")).startsWith("text/html");
        assertThat(call("GET", "/swagger-ui.html", VIEWER).status()).isEqualTo(302);
    }

    @Test
    void everyAdminCallIsDocumentedAndNothingElse() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/admin/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> mapped.add(method.name() + " " + pattern))));

        assertThat(mapped).hasSizeGreaterThanOrEqualTo(14);
        assertThat(documented()).isEqualTo(mapped);
    }

    @Test
    void everyCallHasASummaryAndTheBearerTokenIsDeclared() {
        JsonNode document = document();

        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearer")).isTrue();
        operations(document).forEach((call, operation) -> {
            assertThat(operation.path("summary").asText()).as(call).isNotBlank();
            assertThat(operation.at("/responses/default/content/application~1problem+json/schema/$ref").asText())
                    .as(call).isEqualTo("#/components/schemas/Problem");
        });
    }

    /** What the document says of each call's role is what the security filters do with a viewer's token. */
    @Test
    void theCallsThatNeedAnOperatorSaySo() {
        Set<String> operatorOnly = new HashSet<>();
        operations(document()).forEach((call, operation) -> {
            String role = operation.path(AdminApiDocument.ROLE_EXTENSION).asText();
            assertThat(role).as(call).isIn("viewer", "operator");
            if (role.equals("operator")) {
                operatorOnly.add(call);
                assertThat(operation.path("description").asText()).as(call).contains("operator");
                assertThat(operation.at("/responses/403").isMissingNode()).as(call).isFalse();
            }
            String[] methodAndPath = call.split(" ");
            Response asViewer = call(methodAndPath[0], methodAndPath[1].replaceAll("\\{[^}]+}", "987654"), VIEWER);
            assertThat(asViewer.status() == 403).as(call + " refused to a viewer").isEqualTo(role.equals("operator"));
        });
        assertThat(operatorOnly).contains("POST /admin/syncs/{name}/run", "DELETE /admin/dead-letters/{id}");
    }

    @Test
    void listsDocumentTheirPagingAndNextLink() {
        JsonNode document = document();
        for (String list : new String[]{"/admin/syncs", "/admin/syncs/{name}/runs", "/admin/runs/{id}/records",
                "/admin/dead-letters"}) {
            JsonNode operation = document.path("paths").path(list).path("get");
            Set<String> parameters = new HashSet<>();
            operation.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asText()));
            assertThat(parameters).as(list).contains("limit", "offset");
            assertThat(operation.at("/responses/200/headers/Link").isMissingNode()).as(list).isFalse();
        }
    }

    private JsonNode document() {
        Response response = call("GET", "/v3/api-docs", VIEWER);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private Set<String> documented() {
        return new TreeSet<>(operations(document()).keySet());
    }

    /** Each operation, as "METHOD /path". */
    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(field -> {
            if (METHODS.contains(field.getKey())) {
                operations.put(field.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), field.getValue());
            }
        }));
        return operations;
    }
}
