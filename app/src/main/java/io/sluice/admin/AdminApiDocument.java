package io.sluice.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sluice.problems.ProblemType;
import io.sluice.security.AdminRole;

/**
 * The admin API's OpenAPI document ({@code /v3/api-docs}, shown by Swagger UI) is generated from the
 * controllers; this adds what their annotations would repeat on every call: the bearer token, the role
 * each call needs, that every error is a problem, and the link to a list's next page.
 */
@Configuration(proxyBeanMethods = false)
class AdminApiDocument {

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final String PAGE_REF = "#/components/schemas/" + Page.class.getSimpleName();
    /** The role an operation needs, for a client that decides what to offer a token before calling. */
    static final String ROLE_EXTENSION = "x-sluice-role";

    @Bean
    OpenAPI adminApi() {
        return new OpenAPI()
                .info(new Info().title("Sluice admin API").version("1").description("""
                        Syncs, their runs and dead letters. Every call needs an admin token as a bearer \
                        token: a viewer token reads, an operator token also runs, replays and discards. \
                        Lists take `limit` and `offset` and answer `{items, total, limit, offset}`, with a \
                        `Link: <…>; rel="next"` header while more follow. Errors are RFC 9457 problems."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("sluice.admin.viewer-token or sluice.admin.operator-token"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Which role a call needs follows the rule {@code SecurityConfiguration} enforces: reads are a
     * viewer's, everything else an operator's.
     */
    @Bean
    OpenApiCustomizer rolesProblemsAndLinks() {
        return api -> api.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
            AdminRole role = method == PathItem.HttpMethod.GET ? AdminRole.VIEWER : AdminRole.OPERATOR;
            operation.addExtension(ROLE_EXTENSION, role.name().toLowerCase(Locale.ROOT));
            operation.setDescription(joined(operation.getDescription(), role == AdminRole.OPERATOR
                    ? "Needs an **operator** token; a viewer token is refused with 403."
                    : "Needs a viewer or an operator token."));
            operation.getResponses()
                    .addApiResponse("401", problem("No token, or one that is not an admin token"))
                    .addApiResponse("default", problem("An error, as an RFC 9457 problem detail"));
            if (role == AdminRole.OPERATOR) {
                operation.getResponses().addApiResponse("403", problem("A viewer token: the operator role is needed"));
            }
            linkToNextPage(operation);
        }));
    }

    private static void linkToNextPage(Operation operation) {
        ApiResponse ok = operation.getResponses().get("200");
        boolean lists = ok != null && ok.getContent() != null && ok.getContent().values().stream()
                .map(MediaType::getSchema).filter(Objects::nonNull).map(Schema::get$ref).filter(Objects::nonNull)
                .anyMatch(ref -> ref.startsWith(PAGE_REF));
        if (lists) {
            ok.addHeaderObject("Link", new Header().schema(new StringSchema())
                    .description("`<the same call at the next offset>; rel=\"next\"`, while more items follow"));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
    }

    private static Schema<?> problemSchema() {
        String types = Arrays.stream(ProblemType.values()).map(type -> type.uri().toString())
                .collect(Collectors.joining(", "));
        return new ObjectSchema().description("RFC 9457 problem detail")
                .addProperty("type", new StringSchema().format("uri").description("the class of error, one of "
                        + types + "; about:blank where the status says it all"))
                .addProperty("title", new StringSchema().description("the class of error, for a person"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong this time, and what to do"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the path called"));
    }

    private static String joined(String description, String role) {
        return description == null ? role : description + "\n\n" + role;
    }
}
