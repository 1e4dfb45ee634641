package io.tavern.server.admin;

import io.tavern.db.audit.AuditStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The admin REST API under {@code /admin/api} on the HTTP port ({@code server.port}): its controllers
 * (each an {@link AdminApi}), the audit log they write to, and how they read JSON. Its description is
 * {@link AdminApiDescription}'s; who may call it, {@code AdminSecurityConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tavern.admin.enabled", matchIfMissing = true)
public class AdminConfiguration {

    @Bean
    AdminAudit adminAudit(AuditStore store) {
        return new AdminAudit(store);
    }

    /**
     * Request bodies are read strictly: a field the request does not have, or a value of the wrong JSON
     * type (a number for a text, 1 for true), is a 400 naming the field, never silently dropped or
     * converted. (Only the admin API reads JSON on this server.)
     */
    @Bean
    JsonMapperBuilderCustomizer strictAdminRequests() {
        return json -> json.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, bool -> bool
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }
}
