package io.tavern.server.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>}; the token alone says which operator is calling (a name
 * the request gives, such as the {@code X-Tavern-Operator} header of earlier versions, is ignored). A
 * request without the header goes on anonymously, and the authorization rules decide; a wrong token
 * is refused here with 401 on every path, so that a misconfigured client learns of it at once.
 *
 * <p>The authenticated context is saved as a request attribute: the asynchronous dispatch that
 * writes a controller's deferred result then finds it again without any HTTP session.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AdminTokenAuthenticationProvider provider;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextRepository contexts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    AdminTokenFilter(AdminTokenAuthenticationProvider provider, AuthenticationEntryPoint entryPoint,
                     SecurityContextRepository contexts) {
        this.provider = provider;
        this.entryPoint = entryPoint;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            entryPoint.commence(request, response,
                    new BadCredentialsException("only bearer tokens are accepted: Authorization: Bearer <token>"));
            return;
        }
        Authentication authenticated;
        try {
            authenticated = provider.authenticate(new AdminTokenAuthentication(
                    authorization.substring(BEARER.length()).strip()));
        } catch (AuthenticationException refused) {
            holder.clearContext();
            entryPoint.commence(request, response, refused);
            return;
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authenticated);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
