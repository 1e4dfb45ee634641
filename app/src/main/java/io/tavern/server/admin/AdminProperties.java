package io.tavern.server.admin;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tavern.admin.*}: the admin REST API under {@code /admin/api}, on the HTTP port.
 *
 * @param enabled   false removes the admin API (and its OpenAPI description); Actuator's health and
 *                  metrics stay
 * @param token     the bearer token operators present, at least 16 characters; usually from the
 *                  environment ({@code TAVERN_ADMIN_TOKEN})
 * @param tokenFile a file holding the token instead (a mounted secret); surrounding white space,
 *                  such as a trailing newline, is ignored
 */
@ConfigurationProperties("tavern.admin")
public record AdminProperties(
        @DefaultValue("true") boolean enabled,
        String token,
        Path tokenFile) {
}
