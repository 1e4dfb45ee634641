package io.tavern.server.persistence;

import io.tavern.db.exec.ServerBusyException;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told when the database could not do its part: {@code SERVER_BUSY} with a retry
 * hint, whether the DB queue was full or the database is unreachable. The client can do the same
 * thing in both cases (try again shortly); operators see the cause in the log and on readiness.
 */
public final class DbFailures {

    private static final Logger log = LoggerFactory.getLogger(DbFailures.class);

    static final long RETRY_WHEN_BUSY_MS = 500;
    static final long RETRY_WHEN_DOWN_MS = 2000;

    private DbFailures() {
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    public static Error toError(Throwable failure, String doing) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ServerBusyException) {
            return Error.newBuilder().setCode(ErrorCode.SERVER_BUSY)
                    .setMessage("the server is busy; try again shortly")
                    .setRetryAfterMs(RETRY_WHEN_BUSY_MS).build();
        }
        log.warn("database failed while {}: {}", doing, cause.toString());
        return Error.newBuilder().setCode(ErrorCode.SERVER_BUSY)
                .setMessage("the database is unavailable; try again shortly")
                .setRetryAfterMs(RETRY_WHEN_DOWN_MS).build();
    }
}
