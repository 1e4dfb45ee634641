package io.tavern.server.identity;

import io.tavern.db.account.AccountStore;
import io.tavern.db.account.NameTakenException;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.persistence.DbFailures;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.Session;
import java.util.Set;

/**
 * {@code Register{name, password}} and {@code Login{name, password}}. Password hashing and the
 * account queries run on the DB executor; their answers come back on the session's executor.
 * Failed logins are throttled per name and per address; a wrong name and a wrong password get the
 * same answer.
 */
public final class AccountLoginHandler implements RequestHandler {

    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;

    private final SessionLogin login;
    private final AccountStore accounts;
    private final LoginThrottle throttle;

    public AccountLoginHandler(SessionLogin login, AccountStore accounts, LoginThrottle throttle) {
        this.login = login;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Override
    public Set<Envelope.BodyCase> accepts() {
        return Set.of(Envelope.BodyCase.REGISTER, Envelope.BodyCase.LOGIN);
    }

    @Override
    public boolean requiresLogin() {
        return false;
    }

    @Override
    public void handle(Session session, Envelope request) {
        long requestId = request.getRequestId();
        if (!login.begin(session, requestId)) {
            return;
        }
        if (request.hasRegister()) {
            register(session, requestId, request.getRegister().getName(), request.getRegister().getPassword());
        } else {
            login(session, requestId, request.getLogin().getName(), request.getLogin().getPassword());
        }
    }

    private void register(Session session, long requestId, String name, String password) {
        if (!NamePolicy.isValid(name)) {
            login.abandon(session, requestId, ErrorCode.INVALID_NAME, NamePolicy.describe());
            return;
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            login.abandon(session, requestId, ErrorCode.INVALID_ARGUMENT,
                    "passwords are " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
            return;
        }
        accounts.register(name, password).whenCompleteAsync((account, failure) -> {
            if (failure == null) {
                login.complete(session, requestId, account.name(), PlayerIdentity.account(account.id()));
            } else if (DbFailures.unwrap(failure) instanceof NameTakenException) {
                login.abandon(session, requestId, ErrorCode.NAME_TAKEN, "an account named '" + name + "' exists");
            } else {
                login.abandon(session, requestId, DbFailures.toError(failure, "registering an account"));
            }
        }, session.executor());
    }

    private void login(Session session, long requestId, String name, String password) {
        if (!NamePolicy.isValid(name) || password.isEmpty()) {
            // No account has such a name and none an empty password, so this is an unknown account; and
            // the throttle and the store would refuse the name with an exception (INTERNAL, and the
            // login left "in progress" for good).
            login.abandon(session, requestId, ErrorCode.INVALID_CREDENTIALS, "unknown account or wrong password");
            return;
        }
        String address = session.remoteAddress() == null ? "?" : session.remoteAddress().getAddress().getHostAddress();
        long retryAfter = throttle.retryAfterMillis(name, address);
        if (retryAfter > 0) {
            login.abandon(session, requestId, Error.newBuilder().setCode(ErrorCode.TOO_MANY_ATTEMPTS)
                    .setMessage("too many failed logins; try again later").setRetryAfterMs(retryAfter).build());
            return;
        }
        accounts.authenticate(name, password).whenCompleteAsync((account, failure) -> {
            if (failure != null) {
                login.abandon(session, requestId, DbFailures.toError(failure, "checking a login"));
            } else if (account.isEmpty()) {
                throttle.failed(name, address);
                login.abandon(session, requestId, ErrorCode.INVALID_CREDENTIALS, "unknown account or wrong password");
            } else {
                throttle.succeeded(name);
                if (!login.refuseIfBanned(session, requestId, account.get().name())) {
                    login.complete(session, requestId, account.get().name(),
                            PlayerIdentity.account(account.get().id()));
                }
            }
        }, session.executor());
    }
}
