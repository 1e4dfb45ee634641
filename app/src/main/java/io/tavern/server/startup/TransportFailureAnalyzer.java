package io.tavern.server.startup;

import io.tavern.server.net.TransportUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The I/O model asked for is not on this machine. */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class TransportFailureAnalyzer extends AbstractFailureAnalyzer<TransportUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TransportUnavailableException cause) {
        Throwable reason = cause.getCause();
        return new FailureAnalysis("tavern.net.transport=" + cause.transport() + " is not available on this machine ("
                + (reason == null ? "no reason given" : reason.getMessage()) + ")",
                "set tavern.net.transport=auto to take the best one available, or nio", cause);
    }
}
