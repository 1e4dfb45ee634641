package io.tavern.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Brings the schema up to date. Migrations under {@code db/migration} are the only way the schema changes.
 *
 * <p>All of them are written once for both databases (H2 runs in PostgreSQL mode; see the limits listed in
 * {@code V1__account.sql}). Should a statement ever truly need PostgreSQL, move the common scripts to
 * {@code db/migration/common}, add {@code db/migration/{vendor}} as a second location, and put the variants
 * in {@code db/migration/postgresql} and {@code db/migration/h2}: Flyway scans locations recursively, so
 * vendor folders cannot live under a location that every database reads.
 */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
