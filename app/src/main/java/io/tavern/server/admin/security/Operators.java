package io.tavern.server.admin.security;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operators who may call the admin API, found by the token they present. Finding one compares the
 * presented token with every operator's, all the way through, so how long it takes says nothing about
 * which operator (if any) holds it. Names are unique, and so are tokens: a token names exactly one
 * operator, for the audit log.
 */
public final class Operators {

    private final List<OperatorCredential> credentials;

    /** @throws IllegalStateException when there is none, or a name or a token appears twice */
    Operators(List<OperatorCredential> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalStateException("no admin operator is configured");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < credentials.size(); i++) {
            OperatorCredential credential = credentials.get(i);
            if (!names.add(credential.operator().name())) {
                throw new IllegalStateException("operator " + credential.operator().name() + " is defined twice");
            }
            for (int j = 0; j < i; j++) {
                if (credentials.get(j).token().sameAs(credential.token())) {
                    throw new IllegalStateException("operators " + credentials.get(j).operator().name() + " and "
                            + credential.operator().name() + " have the same token; each needs its own");
                }
            }
        }
        this.credentials = List.copyOf(credentials);
    }

    /** The operator holding {@code presentedToken}, if any. */
    Optional<OperatorCredential> holding(String presentedToken) {
        if (presentedToken == null) {
            return Optional.empty();
        }
        byte[] presented = AdminToken.digest(presentedToken);
        OperatorCredential found = null;
        for (OperatorCredential credential : credentials) {
            // No early exit: the time taken is the same for the first operator, the last and none.
            if (credential.token().matchesDigest(presented) & found == null) {
                found = credential;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Names and roles, never tokens: for the start-up log. */
    List<OperatorCredential> all() {
        return credentials;
    }

    @Override
    public String toString() {
        return "Operators" + credentials;
    }
}
