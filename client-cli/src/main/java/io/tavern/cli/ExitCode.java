package io.tavern.cli;

/** The CLI's exit statuses, a contract for scripts. */
public final class ExitCode {

    /** The script ran to its end, or the user quit. */
    public static final int OK = 0;
    /** Could not connect, or could not log in. */
    public static final int CONNECT_FAILED = 2;
    /** The server closed the session; the last line said why. */
    public static final int SESSION_CLOSED = 3;
    /** The command line itself was wrong (picocli's usage errors; 2 is taken). */
    public static final int USAGE = 64;

    private ExitCode() {
    }
}
