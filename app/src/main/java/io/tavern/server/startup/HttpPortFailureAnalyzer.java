package io.tavern.server.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The HTTP port (admin API, health, metrics) is taken: said the way the game port's failure is. */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class HttpPortFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        int port = cause.getPort();
        return new FailureAnalysis("HTTP port " + port + " (admin API, health, metrics) is in use by another process",
                "stop it or set server.port (e.g. --server.port=" + BindFailure.anotherPort(port) + ")", cause);
    }
}
