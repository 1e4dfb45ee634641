package io.tavern.server.admin.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request to be let in with a bearer token, on behalf of a named operator; not yet checked. */
final class AdminTokenAuthentication extends AbstractAuthenticationToken {

    private final String operator;
    private final String presentedToken;

    AdminTokenAuthentication(String operator, String presentedToken) {
        super(List.of());
        this.operator = operator;
        this.presentedToken = presentedToken;
        setAuthenticated(false);
    }

    @Override
    public Object getCredentials() {
        return presentedToken;
    }

    @Override
    public Object getPrincipal() {
        return operator;
    }
}
