package io.tavern.db.audit;

/** How an audited action ended; an entry is {@link #PENDING} from the moment it is written until then. */
public enum AuditOutcome {

    /** Written by a version that did not record outcomes. */
    UNKNOWN,
    /** Asked for and not (yet) completed: the action is under way, or the server stopped before it ended. */
    PENDING,
    /** Done. */
    OK,
    /** Its target was not there: no such ban, mute, session or room. */
    NOT_FOUND,
    /** Its target refused it as it stood (a session still connecting, for one). */
    REJECTED,
    /** The server could not do it: the database was unavailable, the server was shutting down, or a bug. */
    FAILED;

    /** Whether an entry may be completed with this outcome. */
    public boolean isFinal() {
        return this != UNKNOWN && this != PENDING;
    }
}
