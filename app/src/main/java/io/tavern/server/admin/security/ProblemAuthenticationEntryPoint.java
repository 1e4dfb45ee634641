package io.tavern.server.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 with a problem body and the challenge that says what to send: a bearer token. */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String CHALLENGE = "Bearer realm=\"tavern-admin\"";

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        String detail = refused.getMessage() != null && request.getHeader(HttpHeaders.AUTHORIZATION) != null
                ? refused.getMessage()
                : "an admin token is required: Authorization: Bearer <token>";
        problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }
}
