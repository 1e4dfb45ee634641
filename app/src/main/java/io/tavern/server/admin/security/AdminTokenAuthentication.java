package io.tavern.server.admin.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request to be let in with a bearer token; not yet checked, and naming no one until it is. */
final class AdminTokenAuthentication extends AbstractAuthenticationToken {

    private final String presentedToken;

    AdminTokenAuthentication(String presentedToken) {
        super(List.of());
        this.presentedToken = presentedToken;
        setAuthenticated(false);
    }

    @Override
    public Object getCredentials() {
        return presentedToken;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }
}
