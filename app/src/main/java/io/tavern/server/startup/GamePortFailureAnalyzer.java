package io.tavern.server.startup;

import io.tavern.server.net.GamePortUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The game port could not be bound: in use, an address not of this machine, or a privileged port. */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class GamePortFailureAnalyzer extends AbstractFailureAnalyzer<GamePortUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GamePortUnavailableException cause) {
        String address = cause.bindAddress();
        int port = cause.port();
        String reason = String.valueOf(cause.getCause().getMessage());
        return switch (BindFailure.of(cause.getCause())) {
            case IN_USE -> new FailureAnalysis("game port " + port + " on " + address + " is in use by another process",
                    "stop it or set tavern.net.port (e.g. --tavern.net.port=" + BindFailure.anotherPort(port) + ")", cause);
            case NOT_LOCAL -> new FailureAnalysis("the game port's address " + address + " is not an address of this machine",
                    "set tavern.net.bind-address to one of its addresses, or to 0.0.0.0 for all of them", cause);
            case PRIVILEGED -> new FailureAnalysis("game port " + port + " on " + address
                    + " needs privileges this process does not have", "use a port from 1024 up (e.g. --tavern.net.port=7777)", cause);
            case OTHER -> new FailureAnalysis("game port " + port + " on " + address + " cannot be bound (" + reason + ")",
                    "check tavern.net.port and tavern.net.bind-address", cause);
        };
    }
}
