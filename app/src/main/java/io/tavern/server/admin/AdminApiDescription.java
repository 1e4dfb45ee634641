package io.tavern.server.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin API's OpenAPI description at {@code /admin/api-docs} (and Swagger UI at
 * {@code /admin/swagger-ui.html}), for operators who read it or generate clients from it: the bearer
 * token every operation needs, and the problem every operation may answer instead of its result.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tavern.admin.enabled", matchIfMissing = true)
class AdminApiDescription {

    static final String TOKEN_SCHEME = "admin-token";
    static final String PROBLEM = "Problem";

    private static final String ANY = "*/*";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** Every operation needs the bearer token; generated clients then send it. */
    @Bean
    OpenAPI adminOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tavern admin API").version("1")
                        .description("Operate a Tavern server: sessions, rooms, bans, mutes, announcements, "
                                + "chat history and the audit log. Every call needs Authorization: Bearer <token>, the "
                                + "token of an operator (tavern.admin.operators-file, or tavern.admin.token for one "
                                + "named admin); the token names the operator in the audit log and gives their role: viewer reads (GET), "
                                + "moderator also kicks, mutes, bans, announces and reads reports, admin may do "
                                + "everything; a call the role does not allow is answered 403. "
                                + "Bodies are JSON (Content-Type: application/json), read strictly: an unknown field "
                                + "or a value of the wrong type is refused. Every error, 401 and unknown paths "
                                + "included, is an RFC 9457 problem (application/problem+json) whose detail names "
                                + "the field, the value and what would be valid, with the game protocol's error "
                                + "code as \"code\" where one applies (INVALID_ARGUMENT for every 400 without a "
                                + "more precise one). Every state-changing call is audited with its outcome: see "
                                + "GET /admin/api/audit."))
                .components(new Components()
                        .addSecuritySchemes(TOKEN_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN_SCHEME));
    }

    /** Results are JSON, not "anything"; and any operation may answer with a problem instead. */
    @Bean
    OpenApiCustomizer problemAnswers() {
        return description -> description.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            operation.getResponses().values().forEach(response -> {
                Content content = response.getContent();
                if (content != null && content.containsKey(ANY)) {
                    content.addMediaType(JSON, content.remove(ANY));
                }
            });
            operation.getResponses().addApiResponse("default", new ApiResponse()
                    .description("An error: 4xx for a request to change, 5xx for the server's side")
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().description("what to change, naming the field")
                        .example("until: '2030-13-01' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z"))
                .addProperty("instance", new StringSchema().description("the request's path"))
                .addProperty("code", new StringSchema().description("the game protocol's ErrorCode for the same "
                        + "situation, where there is one").example("INVALID_ARGUMENT"));
    }
}
