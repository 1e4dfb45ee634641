package io.tavern.server.admin.security;

import io.tavern.server.admin.AdminProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what on the HTTP port. Open to anyone: the health probes (details only with a
 * token), {@code /actuator/info}, {@code /actuator/prometheus} (the chart's ServiceMonitor scrapes
 * it; the NetworkPolicy limits who reaches the port) and the admin API's OpenAPI description.
 * Everything else, the admin API first, needs an operator's token, and the role
 * {@link AdminAccessRules} asks of the request; a role too small is answered 403 with a problem that
 * says which roles may. No cookies, no sessions, no CSRF tokens: each request carries its bearer token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurityConfiguration {

    private static final String[] OPEN_ACTUATOR = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus"};
    private static final String[] API_DESCRIPTION = {
        "/admin/api-docs", "/admin/api-docs/**", "/admin/swagger-ui.html", "/admin/swagger-ui/**"};

    @Bean
    Operators adminOperators(AdminProperties properties) {
        return OperatorsSource.load(properties);
    }

    @Bean
    AdminTokenAuthenticationProvider adminTokenAuthenticationProvider(Operators operators) {
        return new AdminTokenAuthenticationProvider(operators);
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    /**
     * A request the firewall refuses before anything else sees it (a path with {@code //}, {@code ..},
     * a {@code ;}...) is answered with a problem too, saying why, not with an error page.
     */
    @Bean
    RequestRejectedHandler problemForRejectedRequests(ProblemWriter problems) {
        return (request, response, rejected) ->
                problems.write(request, response, HttpStatus.BAD_REQUEST, rejected.getMessage());
    }

    @Bean
    SecurityFilterChain adminSecurity(HttpSecurity http, AdminTokenAuthenticationProvider provider,
                                      AdminProperties properties, ProblemWriter problems) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(contexts))
                .addFilterBefore(new AdminTokenFilter(provider, entryPoint, contexts),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, refusal(request))))
                .authorizeHttpRequests(requests -> {
                    // An error page rendered for a request that was already let in (or refused).
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(OPEN_ACTUATOR).permitAll();
                    if (properties.enabled()) {
                        requests.requestMatchers(API_DESCRIPTION).permitAll();
                    } else {
                        // Turned off: nothing is mapped there, so let the caller see the 404.
                        requests.requestMatchers("/admin/**").permitAll();
                    }
                    requests.anyRequest().access(new AdminAccessRules());
                });
        return http.build();
    }

    private static String refusal(HttpServletRequest request) {
        OperatorRole needed = AdminAccessRules.required(request);
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String who = caller != null && caller.getDetails() instanceof OperatorRole role
                ? "operator " + caller.getName() + " has the " + role.word() + " role; "
                : "";
        return who + request.getMethod() + " " + request.getRequestURI() + " needs the "
                + AdminAccessRules.rolesFrom(needed) + " role";
    }
}
