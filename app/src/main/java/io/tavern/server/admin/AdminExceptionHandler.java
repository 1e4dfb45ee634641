package io.tavern.server.admin;

import io.tavern.db.exec.ServerBusyException;
import io.tavern.protocol.v1.ErrorCode;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every admin API error as an RFC 9457 problem ({@code application/problem+json}). Where the game
 * protocol has a code for the same situation, the problem carries it as {@code code}, so tools can
 * treat both alike: {@code ROOM_NOT_FOUND}, {@code USER_NOT_FOUND}, {@code INVALID_ARGUMENT},
 * {@code SERVER_BUSY} (503 with {@code Retry-After} while the database's queue is full or the
 * database is unreachable), {@code SERVER_SHUTTING_DOWN}, {@code INTERNAL}.
 */
@RestControllerAdvice(annotations = AdminApi.class)
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

    /** Spring MVC's own refusals (a malformed body, a parameter of the wrong type...) get the code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && status.value() == HttpStatus.BAD_REQUEST.value()) {
            problem.setProperty("code", ErrorCode.INVALID_ARGUMENT.name());
        }
        return super.handleExceptionInternal(failure, body, headers, status, request);
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}
