package io.tavern.db.exec;

/**
 * The rule "only DB threads run JDBC", as code. Event-loop and logic threads must never block; a JDBC
 * call that slipped onto one would work in a quiet test and stall hundreds of sessions under load, so it
 * is refused at once, everywhere, instead.
 */
public final class DbThreads {

    /** Threads of the {@link DbExecutor} are named {@code tavern-db-1}, {@code tavern-db-2}, ... */
    public static final String NAME_PREFIX = "tavern-db-";

    private DbThreads() {
    }

    public static boolean isDbThread() {
        return Thread.currentThread().getName().startsWith(NAME_PREFIX);
    }

    /**
     * @throws IllegalStateException on any thread but a {@code tavern-db-*} one
     */
    public static void assertDbThread() {
        if (!isDbThread()) {
            throw new IllegalStateException("JDBC on thread '" + Thread.currentThread().getName()
                    + "': only " + NAME_PREFIX + "* threads may use the database; submit the work to the DbExecutor");
        }
    }
}
