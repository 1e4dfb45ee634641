package io.tavern.db.exec;

import java.util.concurrent.RejectedExecutionException;

/**
 * A bounded queue in front of the database is full. The server answers SERVER_BUSY and the client retries
 * later; the work was not started, so retrying cannot apply it twice.
 */
public final class ServerBusyException extends RejectedExecutionException {

    private final int queueCapacity;

    public ServerBusyException(String queueName, int queueCapacity) {
        super(queueName + " is full (" + queueCapacity + " tasks waiting); retry later");
        this.queueCapacity = queueCapacity;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
