package io.tavern.server.admin;

import io.tavern.protocol.v1.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * An admin request refused for a reason the caller can fix: it becomes a problem response with the
 * HTTP status and, where the game protocol has one for the same situation, its error code.
 */
public final class AdminRejection extends RuntimeException {

    private final HttpStatus status;
    private final ErrorCode code;

    public AdminRejection(HttpStatus status, ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static AdminRejection notFound(ErrorCode code, String detail) {
        return new AdminRejection(HttpStatus.NOT_FOUND, code, detail);
    }

    public static AdminRejection invalid(String detail) {
        return new AdminRejection(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, detail);
    }

    public static AdminRejection invalid(ErrorCode code, String detail) {
        return new AdminRejection(HttpStatus.BAD_REQUEST, code, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }
}
