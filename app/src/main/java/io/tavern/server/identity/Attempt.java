package io.tavern.server.identity;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One try at a password (or at creating an account), reserved with its policy before the costly check runs
 * and ended once with how it went. A refused attempt was never counted and cannot be ended.
 *
 * <p>The hazard, as with any reservation: an attempt never ended stays counted as under way, and the name or
 * address it was for gets fewer attempts. Every path after a reservation ends it: a refused login as
 * {@link #failed}, a login as {@link #succeeded}, anything that did not get to check (the server busy, the
 * database down) as {@link #abandoned}.
 */
public final class Attempt {

    public enum Outcome {
        /** The password was right (an account was created): for a name, its failures are forgiven. */
        SUCCEEDED,
        /** The password was wrong: counted towards the limits. */
        FAILED,
        /** Nothing was checked: not counted. */
        ABANDONED
    }

    /** The policy that reserved an attempt, told once how it ended. */
    interface Ledger {
        void ended(Attempt attempt, Outcome outcome);
    }

    private final Ledger ledger;
    private final String subject;
    private final AddressBlock address;
    private final long retryAfterMillis;
    private final AtomicBoolean ended = new AtomicBoolean();

    private Attempt(Ledger ledger, String subject, AddressBlock address, long retryAfterMillis) {
        this.ledger = ledger;
        this.subject = subject;
        this.address = address;
        this.retryAfterMillis = retryAfterMillis;
    }

    static Attempt granted(Ledger ledger, String subject, AddressBlock address) {
        return new Attempt(ledger, subject, address, 0);
    }

    /** Refused for {@code wait}, rounded up to a whole millisecond. */
    static Attempt refused(Duration wait) {
        long millis = wait.toMillis() + (wait.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
        return new Attempt(null, null, null, Math.max(1, millis));
    }

    /** Whether the attempt may not be made now; then {@link #retryAfterMillis} says when it may. */
    public boolean refused() {
        return ledger == null;
    }

    /** For a refused attempt, how long to wait before the next; 0 for a granted one. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    String subject() {
        return subject;
    }

    AddressBlock address() {
        return address;
    }

    public void succeeded() {
        end(Outcome.SUCCEEDED);
    }

    public void failed() {
        end(Outcome.FAILED);
    }

    public void abandoned() {
        end(Outcome.ABANDONED);
    }

    /** The first ending counts; later ones do nothing. */
    private void end(Outcome outcome) {
        if (ledger == null) {
            throw new IllegalStateException("a refused attempt was never counted, so it cannot end");
        }
        if (ended.compareAndSet(false, true)) {
            ledger.ended(this, outcome);
        }
    }
}
