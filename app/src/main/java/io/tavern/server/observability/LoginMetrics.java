package io.tavern.server.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.session.Session;

/**
 * Logins by outcome, {@code tavern.logins{outcome}}: {@code ok}, or the code the refusal was sent
 * with ({@code NAME_TAKEN}, {@code INVALID_CREDENTIALS}, {@code BANNED}, {@code TOO_MANY_ATTEMPTS}...).
 * A login listener like the lobby, so every login path reports here.
 */
final class LoginMetrics implements LoginListener {

    static final String OK = "ok";

    private final MeterRegistry registry;
    private final Counter succeeded;

    LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.succeeded = counter(OK);
    }

    @Override
    public void loggedIn(Session session) {
        succeeded.increment();
    }

    @Override
    public void refused(Session session, ErrorCode code) {
        counter(code.name()).increment(); // the registry keeps one counter per outcome
    }

    private Counter counter(String outcome) {
        return Counter.builder("tavern.logins")
                .description("login attempts (guest, account, register), by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
