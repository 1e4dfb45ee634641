package io.tavern.server.persistence;

import io.tavern.db.DatabaseConfig;

/**
 * The database could not be opened at start: unreachable, refused the credentials, missing, locked by
 * another server (embedded H2), or its schema could not be migrated. Carries the configuration (its
 * password never leaves {@link DatabaseConfig#redactedUrl()}) for the start-up failure analysis.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private final transient DatabaseConfig config;

    public DatabaseUnavailableException(DatabaseConfig config, Throwable cause) {
        super("cannot open the database " + config.redactedUrl() + ": " + cause.getMessage(), cause);
        this.config = config;
    }

    public DatabaseConfig config() {
        return config;
    }
}
