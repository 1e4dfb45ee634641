package io.tavern.server.admin.security;

import io.tavern.server.admin.AdminProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the admin token comes from: {@code tavern.admin.token}, or the file named by
 * {@code tavern.admin.token-file}, or, when neither is set, a random one generated now and printed
 * once in the log (as Spring Security does with its generated password), so that a server run on
 * its defaults is usable and still closed.
 */
final class AdminTokenSource {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenSource.class);

    private AdminTokenSource() {
    }

    static AdminToken load(AdminProperties properties) {
        boolean inline = properties.token() != null && !properties.token().isBlank();
        if (inline && properties.tokenFile() != null) {
            throw new IllegalStateException("set tavern.admin.token or tavern.admin.token-file, not both");
        }
        if (inline) {
            log.info("admin token: from tavern.admin.token");
            return AdminToken.of(properties.token());
        }
        if (properties.tokenFile() != null) {
            try {
                AdminToken token = AdminToken.of(Files.readString(properties.tokenFile()));
                log.info("admin token: from {}", properties.tokenFile());
                return token;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read tavern.admin.token-file " + properties.tokenFile(), e);
            }
        }
        String generated = AdminToken.generate();
        log.warn("\n\nUsing generated admin token: {}\n\nIt changes at every start. Set tavern.admin.token "
                + "(TAVERN_ADMIN_TOKEN) or tavern.admin.token-file for a lasting one.\n", generated);
        return AdminToken.of(generated);
    }
}
