package io.tavern.server.admin;

import io.tavern.db.exec.ServerBusyException;
import io.tavern.protocol.v1.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every admin API error as an RFC 9457 problem ({@code application/problem+json}) whose
 * {@code detail} says what to change: a refused value is named with the field it was given for and
 * what would be valid ({@link BadInputDetail}). Where the game protocol has a code for the same
 * situation, the problem carries it as {@code code}, so tools can treat both alike:
 * {@code ROOM_NOT_FOUND}, {@code USER_NOT_FOUND}, {@code INVALID_ARGUMENT} (every 400 without a more
 * precise code), {@code SERVER_BUSY} (503 with {@code Retry-After} while the database's queue is full
 * or the database is unreachable), {@code SERVER_SHUTTING_DOWN}, {@code INTERNAL}.
 *
 * <p>Requests under {@code /admin/api} that reach no admin controller (an unknown path, a method or
 * content type no endpoint takes) are answered here too, through {@link UnmappedAdminRequests}.
 */
@RestControllerAdvice(annotations = AdminApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class AdminExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminExceptionHandler.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    static ProblemDetail problem(HttpStatusCode status, ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (code != null) {
            problem.setProperty("code", code.name());
        }
        return problem;
    }

    /**
     * The status a failure of an admin call is answered with, by the handlers below: what the audit
     * log records as the call's outcome.
     */
    static HttpStatus statusOf(Throwable failure) {
        if (failure instanceof AdminRejection rejection) {
            return rejection.status();
        }
        if (failure instanceof IllegalArgumentException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (failure instanceof ServerBusyException || failure instanceof RejectedExecutionException
                || failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException
                || failure instanceof RecoverableDataAccessException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    @ExceptionHandler(AdminRejection.class)
    ProblemDetail rejected(AdminRejection rejection) {
        return problem(rejection.status(), rejection.code(), rejection.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException invalid) {
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, invalid.getMessage());
    }

    @ExceptionHandler(ServerBusyException.class)
    ResponseEntity<ProblemDetail> busy(ServerBusyException busy) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVER_BUSY, busy.getMessage()));
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
        RecoverableDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseDown(Exception failure) {
        log.warn("admin request failed: the database is unavailable: {}", failure.toString());
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVER_BUSY,
                "the database is unavailable; try again shortly"));
    }

    /** The DB executor refuses work once closing has begun: the server is shutting down. */
    @ExceptionHandler(RejectedExecutionException.class)
    ProblemDetail shuttingDown(RejectedExecutionException refused) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVER_SHUTTING_DOWN, "the server is shutting down");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail bug(Exception failure) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("admin request failed (reference {})", reference, failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "internal error, reference " + reference);
    }

    /**
     * Spring MVC's own refusals (a body it cannot read, a parameter that does not convert, a path or a
     * method no endpoint takes...) with a detail that says what to send instead; and every 400 carries
     * {@code INVALID_ARGUMENT}, as the game protocol's answer to a bad field does.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        // The problem is Spring's (made here for most, taken from the exception for an ErrorResponse).
        ResponseEntity<Object> answer = super.handleExceptionInternal(failure, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem) {
            String detail = detailOf(failure, ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class));
            if (detail != null) {
                problem.setDetail(detail);
            }
            if (status.value() == HttpStatus.BAD_REQUEST.value()) {
                problem.setProperty("code", ErrorCode.INVALID_ARGUMENT.name());
            }
        }
        return answer;
    }

    /** A better detail than Spring's for {@code failure}, or null where Spring's says it well enough. */
    private static String detailOf(Exception failure, HttpServletRequest http) {
        if (failure instanceof HttpMessageNotReadableException unreadable) {
            return BadInputDetail.of(unreadable);
        }
        if (failure instanceof TypeMismatchException mismatch) {
            return BadInputDetail.of(mismatch);
        }
        if (failure instanceof HandlerMethodValidationException invalid) {
            return BadInputDetail.of(invalid);
        }
        if (failure instanceof MethodArgumentNotValidException invalid) {
            return BadInputDetail.of(invalid);
        }
        if (failure instanceof NoResourceFoundException || failure instanceof NoHandlerFoundException) {
            return "no endpoint " + http.getMethod() + " " + http.getRequestURI()
                    + "; the endpoints are described at /admin/api-docs and /admin/swagger-ui.html";
        }
        if (failure instanceof HttpRequestMethodNotSupportedException wrong) {
            String[] supported = wrong.getSupportedMethods();
            return wrong.getMethod() + " is not allowed on " + http.getRequestURI() + "; it takes "
                    + (supported == null ? "none" : String.join(", ", supported));
        }
        if (failure instanceof HttpMediaTypeNotSupportedException wrong) {
            return (wrong.getContentType() == null ? "no Content-Type" : "Content-Type '" + wrong.getContentType() + "'")
                    + " is not supported; send a JSON body with Content-Type: " + MediaType.APPLICATION_JSON_VALUE;
        }
        if (failure instanceof HttpMediaTypeNotAcceptableException) {
            return "this API answers " + MediaType.APPLICATION_JSON_VALUE + " (errors "
                    + MediaType.APPLICATION_PROBLEM_JSON_VALUE + "); accept one of them";
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
