package io.tavern.db.moderation;

import io.tavern.db.Database;
import io.tavern.db.NameKey;
import io.tavern.db.PageRequest;
import io.tavern.db.Timestamps;
import org.springframework.jdbc.core.RowMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SQL shared by {@link BanStore} and {@link MuteStore}: two tables of one shape, at most one row per
 * user, where a new sanction replaces the old.
 */
final class SanctionTable {

    static final int MAX_REASON_LENGTH = 500;

    private static final String COLUMNS = "user_key, user_name, expires_at, reason, issued_by, created_at";
    private static final RowMapper<Sanction> SANCTION = (row, n) -> new Sanction(row.getString("user_name"),
            Timestamps.get(row, "expires_at"), row.getString("reason"), row.getString("issued_by"),
            Timestamps.get(row, "created_at"));

    private final Database database;
    private final Clock clock;
    private final String upsert;
    private final String delete;
    private final String selectActive;
    private final String listActive;

    /** @param table {@code ban} or {@code mute}: a constant of this package, never input */
    SanctionTable(Database database, Clock clock, String table) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.upsert = switch (database.dialect()) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (user_key) DO UPDATE SET user_name = EXCLUDED.user_name,"
                    + " expires_at = EXCLUDED.expires_at, reason = EXCLUDED.reason,"
                    + " issued_by = EXCLUDED.issued_by, created_at = EXCLUDED.created_at";
            // H2 has no ON CONFLICT (column); its MERGE ... KEY is the same atomic upsert.
            case H2 -> "MERGE INTO " + table + " (" + COLUMNS + ") KEY (user_key) VALUES (?, ?, ?, ?, ?, ?)";
        };
        this.delete = "DELETE FROM " + table + " WHERE user_key = ?";
        String active = "(expires_at IS NULL OR expires_at > ?)";
        this.selectActive = "SELECT " + COLUMNS + " FROM " + table + " WHERE user_key = ? AND " + active;
        this.listActive = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + active
                + " ORDER BY created_at DESC, user_key LIMIT ? OFFSET ?";
    }

    CompletableFuture<Sanction> put(String user, Instant until, String reason, String by) {
        String key = NameKey.of(user);
        Objects.requireNonNull(by, "by");
        if (by.isBlank() || by.length() > NameKey.MAX_LENGTH) {
            throw new IllegalArgumentException("'by' has 1 to " + NameKey.MAX_LENGTH + " characters: '" + by + "'");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a reason has at most " + MAX_REASON_LENGTH + " characters");
        }
        Instant end = until == null ? null : until.truncatedTo(ChronoUnit.MICROS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return database.submit(jdbc -> {
            jdbc.update(upsert, statement -> {
                statement.setString(1, key);
                statement.setString(2, user);
                Timestamps.set(statement, 3, end);
                statement.setString(4, reason);
                statement.setString(5, by);
                Timestamps.set(statement, 6, now);
            });
            return new Sanction(user, end, reason, by, now);
        });
    }

    CompletableFuture<Boolean> remove(String user) {
        String key = NameKey.of(user);
        return database.submit(jdbc -> jdbc.update(delete, key) > 0);
    }

    CompletableFuture<Optional<Sanction>> findActive(String user, Instant now) {
        String key = NameKey.of(user);
        Objects.requireNonNull(now, "now");
        return database.submit(jdbc -> jdbc.query(selectActive, statement -> {
            statement.setString(1, key);
            Timestamps.set(statement, 2, now);
        }, SANCTION).stream().findFirst());
    }

    CompletableFuture<List<Sanction>> listActive(Instant now, PageRequest page) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(page, "page");
        return database.submit(jdbc -> jdbc.query(listActive, statement -> {
            Timestamps.set(statement, 1, now);
            statement.setInt(2, page.size());
            statement.setLong(3, page.offset());
        }, SANCTION));
    }
}
