package io.tavern.server.admin.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks a presented admin token; the operator it names becomes the principal, with the one role
 * there is, {@value #ROLE}. Being an {@link AuthenticationProvider} bean also keeps Spring Boot from
 * setting up its default user with a generated password: the admin token is the only credential.
 */
public final class AdminTokenAuthenticationProvider implements AuthenticationProvider {

    public static final String ROLE = "ADMIN";

    private final AdminToken token;

    AdminTokenAuthenticationProvider(AdminToken token) {
        this.token = token;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        if (!token.matches((String) request.getCredentials())) {
            throw new BadCredentialsException("the admin token is wrong");
        }
        return UsernamePasswordAuthenticationToken.authenticated(request.getPrincipal(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return AdminTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
