package io.tavern.server.admin.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented token against the {@link Operators}: the operator holding it becomes the
 * principal (whose name the audit log records), with the authorities of their role. Being an
 * {@link AuthenticationProvider} bean also keeps Spring Boot from setting up its default user with a
 * generated password: operators' tokens are the only credentials.
 */
public final class AdminTokenAuthenticationProvider implements AuthenticationProvider {

    private final Operators operators;

    AdminTokenAuthenticationProvider(Operators operators) {
        this.operators = operators;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        OperatorCredential credential = operators.holding((String) request.getCredentials())
                .orElseThrow(() -> new BadCredentialsException("the admin token is wrong"));
        UsernamePasswordAuthenticationToken authenticated = UsernamePasswordAuthenticationToken.authenticated(
                credential.operator().name(), null, credential.role().authorities());
        authenticated.setDetails(credential.role());
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return AdminTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
