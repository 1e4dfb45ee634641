package io.tavern.server.identity;

import io.tavern.db.NameKey;
import io.tavern.db.account.AccountStore;
import io.tavern.db.account.NameTakenException;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.persistence.DbFailures;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.Session;
import java.util.Set;

/**
 * {@code Register{name, password}} and {@code Login{name, password}}. The account queries run on the DB
 * executor and the password hash on the hashing pool; their answers come back on the session's executor.
 *
 * <p>Each login is reserved with {@link LoginAttempts} before its password is checked, and each
 * registration with {@link RegistrationThrottle} before its password is hashed, so parallel sessions cannot
 * multiply guesses or accounts. The reservation is ended where the store's answer arrives, before the hop
 * to the session, so that it is settled even for a session that closed meanwhile. A wrong name and a wrong
 * password get the same answer; a reserved name and a registered one the same refusal.
 */
public final class AccountLoginHandler implements RequestHandler {

    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    static final String WRONG_CREDENTIALS = "unknown account or wrong password";

    private final SessionLogin login;
    private final AccountStore accounts;
    private final ReservedNames reserved;
    private final LoginAttempts attempts;
    private final RegistrationThrottle registrations;

    public AccountLoginHandler(SessionLogin login, AccountStore accounts, ReservedNames reserved,
                               LoginAttempts attempts, RegistrationThrottle registrations) {
        this.login = login;
        this.accounts = accounts;
        this.reserved = reserved;
        this.attempts = attempts;
        this.registrations = registrations;
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
        login.guarded(session, requestId, () -> {
            if (request.hasRegister()) {
                register(session, requestId, request.getRegister().getName(), request.getRegister().getPassword());
            } else {
                login(session, requestId, request.getLogin().getName(), request.getLogin().getPassword());
            }
        });
    }

    private void register(Session session, long requestId, String name, String password) {
        if (!NamePolicy.isValid(name)) {
            login.abandon(session, requestId, ErrorCode.INVALID_NAME, NamePolicy.describe());
            return;
        }
        if (reserved.isReserved(name)) {
            login.abandon(session, requestId, ErrorCode.NAME_TAKEN, NamePolicy.UNAVAILABLE);
            return;
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            login.abandon(session, requestId, ErrorCode.INVALID_ARGUMENT,
                    "passwords are " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
            return;
        }
        if (login.refuseIfBanned(session, requestId, Moderation.Entrant.NEW_ACCOUNT, name, null)) {
            return; // a banned name, or a banned address coming back as a new account
        }
        Attempt registration = registrations.reserve(AddressBlock.of(session.remoteAddress()));
        if (registration.refused()) {
            login.abandon(session, requestId, tooManyAttempts(registration,
                    "too many accounts created from your address; try again later"));
            return;
        }
        accounts.register(name, password).whenComplete((account, failure) -> {
            if (failure == null) {
                registration.succeeded();
            } else {
                registration.abandoned(); // no account: the name was taken, or the server could not
            }
        }).whenCompleteAsync((account, failure) -> login.guarded(session, requestId, () -> {
            if (failure == null) {
                login.complete(session, requestId, account.name(), PlayerIdentity.account(account.id()));
            } else if (DbFailures.unwrap(failure) instanceof NameTakenException) {
                login.abandon(session, requestId, ErrorCode.NAME_TAKEN, NamePolicy.UNAVAILABLE);
            } else {
                login.abandon(session, requestId, DbFailures.toError(failure, "registering an account"));
            }
        }), session.executor());
    }

    private void login(Session session, long requestId, String name, String password) {
        if (!NamePolicy.isValid(name) || password.isEmpty()) {
            // No account has such a name and none an empty password, so this is an unknown account (and
            // the store would refuse the name with an exception).
            login.abandon(session, requestId, ErrorCode.INVALID_CREDENTIALS, WRONG_CREDENTIALS);
            return;
        }
        Attempt attempt = attempts.reserve(NameKey.of(name), AddressBlock.of(session.remoteAddress()));
        if (attempt.refused()) {
            login.abandon(session, requestId, tooManyAttempts(attempt, "too many failed logins; try again later"));
            return;
        }
        accounts.authenticate(name, password).whenComplete((account, failure) -> {
            if (failure != null) {
                attempt.abandoned(); // nothing was checked
            } else if (account.isEmpty()) {
                attempt.failed();
            } else {
                attempt.succeeded();
            }
        }).whenCompleteAsync((account, failure) -> login.guarded(session, requestId, () -> {
            if (failure != null) {
                login.abandon(session, requestId, DbFailures.toError(failure, "checking a login"));
            } else if (account.isEmpty()) {
                login.abandon(session, requestId, ErrorCode.INVALID_CREDENTIALS, WRONG_CREDENTIALS);
            } else {
                PlayerIdentity identity = PlayerIdentity.account(account.get().id());
                if (!login.refuseIfBanned(session, requestId, Moderation.Entrant.ACCOUNT, account.get().name(), identity)) {
                    login.complete(session, requestId, account.get().name(), identity);
                }
            }
        }), session.executor());
    }

    /** {@code TOO_MANY_ATTEMPTS} with when to try again. */
    static Error tooManyAttempts(Attempt refused, String message) {
        return Error.newBuilder().setCode(ErrorCode.TOO_MANY_ATTEMPTS).setMessage(message)
                .setRetryAfterMs(refused.retryAfterMillis()).build();
    }
}
