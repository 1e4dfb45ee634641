package io.tavern.server.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests under {@code /admin/api} that no admin controller takes: an unknown path (404), a method
 * (405) or a content type (415) no endpoint there accepts, an answer the caller does not accept
 * (406). Spring raises these before any controller is chosen, so the admin API's own advice, which
 * applies to its controllers only, never sees them; this one, which sees every request, answers
 * those under the admin API with {@link AdminExceptionHandler} and leaves all others (Actuator, the
 * API description) to Spring Boot's error page by rethrowing, Spring MVC's way of declining.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnBooleanProperty(name = "tavern.admin.enabled", matchIfMissing = true)
final class UnmappedAdminRequests {

    private final AdminExceptionHandler admin;

    UnmappedAdminRequests(AdminExceptionHandler admin) {
        this.admin = admin;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class,
        HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
        HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<Object> unmapped(Exception unmapped, HttpServletRequest http, WebRequest request) throws Exception {
        String path = http.getRequestURI().substring(http.getContextPath().length());
        if (!path.equals(AdminApi.PATH) && !path.startsWith(AdminApi.PATH + "/")) {
            throw unmapped;
        }
        return admin.handleException(unmapped, request);
    }
}
