package io.tavern.server.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tavern.db.audit.AuditStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin REST API under {@code /admin/api} on the HTTP port ({@code server.port}): its controllers
 * (each an {@link AdminApi}), the audit log they write to, and the OpenAPI description at
 * {@code /admin/api-docs}. Who may call it is {@code AdminSecurityConfiguration}'s concern.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tavern.admin.enabled", matchIfMissing = true)
public class AdminConfiguration {

    static final String TOKEN_SCHEME = "admin-token";

    @Bean
    AdminAudit adminAudit(AuditStore store) {
        return new AdminAudit(store);
    }

    /** Every operation needs the bearer token; generated clients then send it. */
    @Bean
    OpenAPI adminOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tavern admin API").version("1")
                        .description("Operate a Tavern server: sessions, rooms, bans, mutes, announcements, "
                                + "chat history and the audit log. Every call needs Authorization: Bearer <token> "
                                + "(tavern.admin.token); X-Tavern-Operator names the operator in the audit log."))
                .components(new Components().addSecuritySchemes(TOKEN_SCHEME,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN_SCHEME));
    }
}
