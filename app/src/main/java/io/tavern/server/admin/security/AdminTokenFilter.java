package io.tavern.server.admin.security;

import io.tavern.server.admin.Operator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * Reads {@code Authorization: Bearer <token>} (and the optional {@code X-Tavern-Operator} name). A
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
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    AdminTokenFilter(AdminTokenAuthenticationProvider provider, AuthenticationEntryPoint entryPoint,
                     SecurityContextRepository contexts, ProblemWriter problems) {
        this.provider = provider;
        this.entryPoint = entryPoint;
        this.contexts = contexts;
        this.problems = problems;
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
        Operator operator;
        try {
            operator = Operator.fromHeader(request.getHeader(Operator.HEADER));
        } catch (IllegalArgumentException badName) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, badName.getMessage());
            return;
        }
        Authentication authenticated;
        try {
            authenticated = provider.authenticate(new AdminTokenAuthentication(operator.name(),
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
