package io.tavern.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Moves {@link Instant}s in and out of {@code TIMESTAMP WITH TIME ZONE} columns the same way on H2 and
 * PostgreSQL. Both keep microseconds, so instants are truncated to microseconds on the way in: what is read
 * back equals what was written.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, toSql(instant));
        }
    }

    /** What {@link #set} binds: for the argument lists of {@code JdbcTemplate}'s short-hand methods. */
    public static OffsetDateTime toSql(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** @return the instant in {@code column}, or {@code null} for SQL NULL */
    public static Instant get(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
