package io.tavern.server.admin.security;

import io.tavern.server.admin.AdminProperties;
import io.tavern.server.admin.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the operators come from, read once at start-up:
 * <ul>
 * <li>{@code tavern.admin.operators-file}: named operators, each with a role and a token
 *     ({@link OperatorsFile});</li>
 * <li>{@code tavern.admin.token} or {@code tavern.admin.token-file}: one token, for an operator named
 *     {@value Operator#DEFAULT} with the {@code admin} role (the single shared token of earlier versions
 *     keeps working as it was, and can sit beside an operators file while a team moves to names);</li>
 * <li>none of these: a random token is generated for {@value Operator#DEFAULT} ({@code admin} role) and
 *     written to {@code tavern.admin.generated-token-file}, readable only by the server's user; the log
 *     says where, never what, so a server run on its defaults is usable and still closed.</li>
 * </ul>
 */
final class OperatorsSource {

    private static final Logger log = LoggerFactory.getLogger(OperatorsSource.class);

    private OperatorsSource() {
    }

    static Operators load(AdminProperties properties) {
        List<OperatorCredential> operators = new ArrayList<>();
        AdminToken single = singleToken(properties);
        if (single != null) {
            operators.add(new OperatorCredential(new Operator(Operator.DEFAULT), OperatorRole.ADMIN, single));
        }
        if (properties.operatorsFile() != null) {
            operators.addAll(OperatorsFile.read(properties.operatorsFile()));
        }
        if (operators.isEmpty()) {
            String generated = AdminToken.generate();
            GeneratedTokenFile.write(properties.generatedTokenFile(), generated);
            log.warn("No admin token is configured: generated one for operator '{}' (role admin) in {} (readable by "
                    + "this user only). It changes at every start; set tavern.admin.operators-file, or "
                    + "tavern.admin.token (TAVERN_ADMIN_TOKEN), for lasting ones.",
                    Operator.DEFAULT, properties.generatedTokenFile().toAbsolutePath());
            operators.add(new OperatorCredential(new Operator(Operator.DEFAULT), OperatorRole.ADMIN,
                    AdminToken.of(generated)));
            return new Operators(operators);
        }
        Operators loaded = new Operators(operators);
        log.info("admin operators: {}", loaded.all().stream().map(OperatorCredential::toString)
                .collect(Collectors.joining(", ")));
        return loaded;
    }

    /** {@code tavern.admin.token} or {@code tavern.admin.token-file}; null when neither is set. */
    private static AdminToken singleToken(AdminProperties properties) {
        boolean inline = properties.token() != null && !properties.token().isBlank();
        if (inline && properties.tokenFile() != null) {
            throw new IllegalStateException("set tavern.admin.token or tavern.admin.token-file, not both");
        }
        if (inline) {
            return AdminToken.of(properties.token());
        }
        if (properties.tokenFile() == null) {
            return null;
        }
        try {
            return AdminToken.of(Files.readString(properties.tokenFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tavern.admin.token-file " + properties.tokenFile(), e);
        }
    }
}
