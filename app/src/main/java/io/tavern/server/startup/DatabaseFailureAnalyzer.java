package io.tavern.server.startup;

import io.tavern.db.DatabaseConfig;
import io.tavern.server.persistence.DatabaseUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The database could not be opened: the embedded file is locked by another server or cannot be written,
 * or the database server is unreachable, refuses the user, or has no such database, or the schema could
 * not be migrated. Told apart by the SQL standard's states (class 08: connection, 28: authorization,
 * 3D000: no such database), so any server's driver is understood, and by H2's own code for a locked file.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableException> {

    private static final String NO_SUCH_DATABASE = "3D000";
    private static final String AUTHORIZATION_CLASS = "28";
    private static final String CONNECTION_CLASS = "08";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnavailableException cause) {
        DatabaseConfig config = cause.config();
        return config.isEmbedded() ? embedded(config, cause) : external(config, cause);
    }

    private FailureAnalysis embedded(DatabaseConfig config, DatabaseUnavailableException cause) {
        String directory = config.dataDirectory().toAbsolutePath().normalize().toString();
        SQLException sql = findCause(cause, SQLException.class);
        if (sql != null && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new FailureAnalysis("the embedded database in " + directory
                    + " is in use by another Tavern server (one server per directory)",
                    "stop that server, or give this one a directory of its own with tavern.db.embedded-dir"
                            + " (e.g. --tavern.db.embedded-dir=data-2)", cause);
        }
        FileSystemException file = findCause(cause, FileSystemException.class);
        if (file != null) {
            return new FailureAnalysis("the embedded database directory " + directory + " cannot be created or written ("
                    + file.getClass().getSimpleName() + ": " + file.getMessage() + ")",
                    "make it writable for this user, or set tavern.db.embedded-dir to a directory that is", cause);
        }
        return new FailureAnalysis("the embedded database in " + directory + " cannot be opened (" + reason(cause) + ")",
                "check tavern.db.embedded-dir, or move the damaged files aside to start on a new database", cause);
    }

    private FailureAnalysis external(DatabaseConfig config, DatabaseUnavailableException cause) {
        String url = config.redactedUrl();
        if (findCause(cause, FlywayException.class) != null) {
            return new FailureAnalysis("the schema of the database " + url + " could not be migrated (" + reason(cause) + ")",
                    "give tavern.db.user the right to create tables there, or restore the database the schema history describes",
                    cause);
        }
        String state = sqlState(cause);
        if (NO_SUCH_DATABASE.equals(state)) {
            return new FailureAnalysis("the database " + url + " does not exist on its server (" + reason(cause) + ")",
                    "create it (e.g. createdb) or correct the database name in tavern.db.url", cause);
        }
        if (state != null && state.startsWith(AUTHORIZATION_CLASS)) {
            return new FailureAnalysis("the database " + url + " refused the user '" + config.effectiveUser() + "' ("
                    + reason(cause) + ")", "correct tavern.db.user and tavern.db.password", cause);
        }
        UnknownHostException unknownHost = findCause(cause, UnknownHostException.class);
        if (unknownHost != null) {
            return new FailureAnalysis("the database " + url + " is unreachable (unknown host " + unknownHost.getMessage() + ")",
                    "correct the host in tavern.db.url", cause);
        }
        if ((state != null && state.startsWith(CONNECTION_CLASS)) || unreachable(cause)) {
            return new FailureAnalysis("the database " + url + " is unreachable (" + reason(cause) + ")",
                    "start it, or correct the host and port in tavern.db.url", cause);
        }
        return new FailureAnalysis("the database " + url + " cannot be used (" + reason(cause) + ")",
                "check tavern.db.url, tavern.db.user and tavern.db.password", cause);
    }

    private boolean unreachable(Throwable cause) {
        return findCause(cause, ConnectException.class) != null || findCause(cause, NoRouteToHostException.class) != null
                || findCause(cause, SocketTimeoutException.class) != null;
    }

    /** The first SQL state down the chain: the driver's own exception carries it, the pool's wrappers may not. */
    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The deepest message: the driver's or the operating system's own words. */
    private static String reason(Throwable failure) {
        String reason = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getMessage();
            }
        }
        return String.valueOf(reason).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
