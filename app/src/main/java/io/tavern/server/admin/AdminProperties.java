package io.tavern.server.admin;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tavern.admin.*}: the admin REST API under {@code /admin/api}, on the HTTP port, and the
 * operators who may call it.
 *
 * @param enabled            false removes the admin API (and its OpenAPI description); Actuator's health
 *                           and metrics stay
 * @param operatorsFile      named operators, one a line: name, role ({@code viewer}, {@code moderator},
 *                           {@code admin}) and token or {@code sha256:} digest of the token (a mounted
 *                           secret); see {@code OperatorsFile}
 * @param token              a single token, at least 16 characters, for an operator named {@code admin}
 *                           with the {@code admin} role; usually from the environment ({@code TAVERN_ADMIN_TOKEN})
 * @param tokenFile          a file holding that single token instead; surrounding white space, such as a
 *                           trailing newline, is ignored
 * @param generatedTokenFile where the token generated when no operator is configured is written, readable
 *                           by the server's user only (the log names the file, never the token)
 */
@ConfigurationProperties("tavern.admin")
public record AdminProperties(
        @DefaultValue("true") boolean enabled,
        Path operatorsFile,
        String token,
        Path tokenFile,
        @DefaultValue("data/admin-token") Path generatedTokenFile) {
}
