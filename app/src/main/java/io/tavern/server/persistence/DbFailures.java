package io.tavern.server.persistence;

import io.tavern.db.exec.ServerBusyException;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.observability.QuietLog;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told when the database could not do its part: {@code SERVER_BUSY} with a retry
 * hint, whether the DB queue was full or the database is unreachable. The client can do the same
 * thing in both cases (try again shortly); operators see the cause in the log and on readiness. During
 * an outage every request fails the same way, so the warning is quiet (one line per
 * {@link QuietLog#QUIET_TIME}, counting the rest) and {@link #unavailableReplies()} counts them all
 * ({@code tavern.db.unavailable.replies}).
 */
public final class DbFailures {

    private static final Logger log = LoggerFactory.getLogger(DbFailures.class);
    private static final QuietLog outages = QuietLog.warn(log);
    private static final LongAdder unavailableReplies = new LongAdder();

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

    /** Requests answered "the database is unavailable" since this server started. */
    public static long unavailableReplies() {
        return unavailableReplies.sum();
    }

    public static Error toError(Throwable failure, String doing) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ServerBusyException) {
            return Error.newBuilder().setCode(ErrorCode.SERVER_BUSY)
                    .setMessage("the server is busy; try again shortly")
                    .setRetryAfterMs(RETRY_WHEN_BUSY_MS).build();
        }
        unavailableReplies.increment();
        outages.log("database failed while {}: {}", doing, cause.toString());
        return Error.newBuilder().setCode(ErrorCode.SERVER_BUSY)
                .setMessage("the database is unavailable; try again shortly")
                .setRetryAfterMs(RETRY_WHEN_DOWN_MS).build();
    }
}
