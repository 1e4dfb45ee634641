package io.tavern.server.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which {@link OperatorRole} a request needs, decided by its method and path alone, so that an endpoint
 * added later is covered by the rule of its place without a word here:
 * <ol>
 * <li>reading ({@code GET}, {@code HEAD}) needs {@code viewer}, except player reports, which name
 *     players and what they are accused of: {@code moderator};</li>
 * <li>changing anything about players, {@code /admin/api/sessions} (kicks), anything with {@code ban}
 *     or {@code mute} in its name (by account, by address...), {@code /admin/api/announcements} and
 *     {@code /admin/api/report*}, needs {@code moderator};</li>
 * <li>anything else (closing rooms, configuration, Actuator operations, paths no rule foresaw) needs
 *     {@code admin}: what is not named is not given away.</li>
 * </ol>
 */
final class AdminAccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    static final List<String> MODERATOR_READS = List.of("/admin/api/report*/**");
    static final List<String> MODERATION = List.of(
            "/admin/api/sessions/**", "/admin/api/*ban*/**", "/admin/api/*mute*/**",
            "/admin/api/announcements/**", "/admin/api/report*/**");

    private static final List<PathPattern> MODERATOR_READ_PATTERNS = parse(MODERATOR_READS);
    private static final List<PathPattern> MODERATION_PATTERNS = parse(MODERATION);

    private final Map<OperatorRole, AuthorizationManager<RequestAuthorizationContext>> byRole =
            new EnumMap<>(OperatorRole.class);

    AdminAccessRules() {
        for (OperatorRole role : OperatorRole.values()) {
            byRole.put(role, AuthorityAuthorizationManager.hasRole(role.roleName()));
        }
    }

    /** The least role that may make {@code request}. */
    static OperatorRole required(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) {
            return matches(MODERATOR_READ_PATTERNS, path) ? OperatorRole.MODERATOR : OperatorRole.VIEWER;
        }
        return matches(MODERATION_PATTERNS, path) ? OperatorRole.MODERATOR : OperatorRole.ADMIN;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        return byRole.get(required(context.getRequest())).authorize(authentication, context);
    }

    private static boolean matches(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static List<PathPattern> parse(List<String> patterns) {
        return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** For messages: the roles that may make a request needing {@code role}. */
    static String rolesFrom(OperatorRole role) {
        return String.join(" or ", Stream.of(OperatorRole.values())
                .filter(r -> r.ordinal() >= role.ordinal()).map(OperatorRole::word).toList());
    }
}
