package io.tavern.server.startup;

import io.tavern.server.config.UnknownConfigurationKeysException;
import io.tavern.server.config.UnknownKeysCheck.UnknownKey;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** {@code tavern.*} keys the server does not know, with the key probably meant. */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class UnknownKeysFailureAnalyzer extends AbstractFailureAnalyzer<UnknownConfigurationKeysException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownConfigurationKeysException cause) {
        int count = cause.keys().size();
        String keys = cause.keys().stream().map(UnknownKey::describe).collect(Collectors.joining(", "));
        return new FailureAnalysis((count == 1 ? "unknown setting " : count + " unknown settings: ") + keys,
                "correct or remove " + (count == 1 ? "it" : "them")
                        + " (tavern.config.unknown-keys=warn starts anyway, ignoring unknown settings)", cause);
    }
}
