package io.tavern.db.moderation;

import io.tavern.db.Database;
import io.tavern.db.NameKey;
import io.tavern.db.PageRequest;
import io.tavern.db.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The SQL shared by {@link NameSanctionStore} and {@link AddressSanctionStore}: tables of one shape, at
 * most one row per subject (a user's name, or an address range), where a new sanction replaces the old. A table
 * that holds more than one kind of sanction ({@code address_sanction}) is read and written one kind at a time:
 * every statement is confined to the shape's kind.
 *
 * <p>On user tables a sanction put on a registered name also records the account, in the same statement
 * (a sub-query on {@code account}), and then follows the account: an account has at most one row, found by
 * its id as well as by the name it was put on.
 */
final class SanctionTable {

    static final int MAX_REASON_LENGTH = 500;

    /** Which table (and kind of row in it), and how its subject is keyed. */
    enum Shape {
        BAN("ban", null, "user_key", "user_name", true, NameKey::of),
        MUTE("mute", null, "user_key", "user_name", true, NameKey::of),
        /** The subject is a canonical CIDR range, already its own key; its one column serves as both. */
        ADDRESS_BAN("address_sanction", "BAN", "range_key", "range_key", false, UnaryOperator.identity()),
        ADDRESS_MUTE("address_sanction", "MUTE", "range_key", "range_key", false, UnaryOperator.identity());

        final String table;
        /** The value of the table's {@code kind} column for this shape's rows; null for a table of one kind. */
        final String kind;
        final String keyColumn;
        final String nameColumn;
        final boolean byAccount;
        final UnaryOperator<String> key;

        Shape(String table, String kind, String keyColumn, String nameColumn, boolean byAccount,
              UnaryOperator<String> key) {
            this.table = table;
            this.kind = kind;
            this.keyColumn = keyColumn;
            this.nameColumn = nameColumn;
            this.byAccount = byAccount;
            this.key = key;
        }

        /** The condition that confines a statement to this shape's rows: {@code ""} or {@code " AND kind = 'X'"}. */
        String ofKind() {
            return kind == null ? "" : " AND kind = '" + kind + "'";
        }
    }

    /** A store's two tables, one per kind of sanction, on the shapes given for bans and for mutes. */
    static Map<SanctionKind, SanctionTable> perKind(Database database, Clock clock, Shape bans, Shape mutes) {
        Map<SanctionKind, SanctionTable> tables = new EnumMap<>(SanctionKind.class);
        tables.put(SanctionKind.BAN, new SanctionTable(database, clock, bans));
        tables.put(SanctionKind.MUTE, new SanctionTable(database, clock, mutes));
        return tables;
    }

    private static final String ACCOUNT_OF_NAME = "(SELECT id FROM account WHERE name_key = ?)";

    private final Database database;
    private final Clock clock;
    private final Shape shape;
    private final String columns;
    private final RowMapper<Sanction> mapper;
    private final String upsert;
    private final String selectSubject;
    private final String deleteSubject;
    private final String deleteOtherRowsOfAccount;
    private final String selectActive;
    private final String listActive;
    private final String selectExpired;
    private final String deleteExpired;

    SanctionTable(Database database, Clock clock, Shape shape) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shape = Objects.requireNonNull(shape, "shape");
        String table = shape.table;
        String key = shape.keyColumn;
        this.columns = shape.keyColumn + (shape.nameColumn.equals(key) ? "" : ", " + shape.nameColumn)
                + ", expires_at, reason, issued_by, created_at" + (shape.byAccount ? ", account_id" : "");
        this.mapper = (row, n) -> new Sanction(row.getString(shape.nameColumn), Timestamps.get(row, "expires_at"),
                row.getString("reason"), row.getString("issued_by"), Timestamps.get(row, "created_at"),
                shape.byAccount ? (Long) row.getObject("account_id", Long.class) : null);
        String names = shape.nameColumn.equals(key) ? "?" : "?, ?";
        String values = names + ", ?, ?, ?, ?" + (shape.byAccount ? ", " + ACCOUNT_OF_NAME : "")
                + (shape.kind == null ? "" : ", '" + shape.kind + "'");
        String inserted = columns + (shape.kind == null ? "" : ", kind");
        String unique = (shape.kind == null ? "" : "kind, ") + key;
        String kind = shape.ofKind();
        this.upsert = switch (database.dialect()) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + inserted + ") VALUES (" + values + ")"
                    + " ON CONFLICT (" + unique + ") DO UPDATE SET "
                    + (shape.nameColumn.equals(key) ? "" : shape.nameColumn + " = EXCLUDED." + shape.nameColumn + ", ")
                    + "expires_at = EXCLUDED.expires_at, reason = EXCLUDED.reason,"
                    + " issued_by = EXCLUDED.issued_by, created_at = EXCLUDED.created_at"
                    + (shape.byAccount ? ", account_id = EXCLUDED.account_id" : "");
            // H2 has no ON CONFLICT (column); its MERGE ... KEY is the same atomic upsert.
            case H2 -> "MERGE INTO " + table + " (" + inserted + ") KEY (" + unique + ") VALUES (" + values + ")";
        };
        String subject = (shape.byAccount
                ? "(" + key + " = ? OR account_id = " + ACCOUNT_OF_NAME + ")"
                : key + " = ?") + kind;
        this.selectSubject = "SELECT " + columns + " FROM " + table + " WHERE " + subject;
        this.deleteSubject = "DELETE FROM " + table + " WHERE " + subject;
        this.deleteOtherRowsOfAccount = "DELETE FROM " + table + " WHERE account_id = " + ACCOUNT_OF_NAME
                + " AND " + key + " <> ?";
        String active = "(expires_at IS NULL OR expires_at > ?)";
        this.selectActive = selectSubject + " AND " + active;
        this.listActive = "SELECT " + columns + " FROM " + table + " WHERE " + active + kind
                + " ORDER BY created_at DESC, " + key + " LIMIT ? OFFSET ?";
        this.selectExpired = "SELECT " + columns + " FROM " + table + " WHERE expires_at <= ?" + kind
                + " ORDER BY expires_at, " + key + " LIMIT ?";
        // The end is compared too: a sanction put again since it was read is a new one, not expired.
        this.deleteExpired = "DELETE FROM " + table + " WHERE " + key + " = ? AND expires_at = ?" + kind;
    }

    /** The subject's key as the table stores it. */
    String keyOf(String subject) {
        return shape.key.apply(Objects.requireNonNull(subject, "subject"));
    }

    CompletableFuture<Sanction> put(String subject, Instant until, String reason, String by) {
        String key = keyOf(subject);
        Objects.requireNonNull(by, "by");
        if (by.isBlank() || by.length() > NameKey.MAX_LENGTH) {
            throw new IllegalArgumentException("'by' has 1 to " + NameKey.MAX_LENGTH + " characters: '" + by + "'");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a reason has at most " + MAX_REASON_LENGTH + " characters");
        }
        Instant end = until == null ? null : until.truncatedTo(ChronoUnit.MICROS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return database.submitInTransaction(jdbc -> {
            if (shape.byAccount) {
                // The account's row under an older name gives way to this one.
                jdbc.update(deleteOtherRowsOfAccount, key, key);
            }
            jdbc.update(upsert, statement -> {
                int i = 1;
                statement.setString(i++, key);
                if (!shape.nameColumn.equals(shape.keyColumn)) {
                    statement.setString(i++, subject);
                }
                Timestamps.set(statement, i++, end);
                statement.setString(i++, reason);
                statement.setString(i++, by);
                Timestamps.set(statement, i++, now);
                if (shape.byAccount) {
                    statement.setString(i, key);
                }
            });
            return shape.byAccount ? find(jdbc, key).stream().findFirst().orElseThrow()
                    : new Sanction(subject, end, reason, by, now);
        });
    }

    /** @return what was lifted, expired or not: the row put on the name, and the account's row if another */
    CompletableFuture<List<Sanction>> lift(String subject) {
        String key = keyOf(subject);
        return database.submitInTransaction(jdbc -> {
            List<Sanction> lifted = find(jdbc, key);
            jdbc.update(deleteSubject, statement -> bindSubject(statement, key));
            return lifted;
        });
    }

    CompletableFuture<Optional<Sanction>> findActive(String subject, Instant now) {
        String key = keyOf(subject);
        Objects.requireNonNull(now, "now");
        return database.submit(jdbc -> jdbc.query(selectActive, statement -> {
            int next = bindSubject(statement, key);
            Timestamps.set(statement, next, now);
        }, mapper).stream().findFirst());
    }

    CompletableFuture<List<Sanction>> listActive(Instant now, PageRequest page) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(page, "page");
        return database.submit(jdbc -> jdbc.query(listActive, statement -> {
            Timestamps.set(statement, 1, now);
            statement.setInt(2, page.size());
            statement.setLong(3, page.offset());
        }, mapper));
    }

    /**
     * Deletes up to {@code limit} sanctions that ended at or before {@code now}, those that ended first first.
     *
     * @return the ones this call deleted: one deleted meanwhile by another server, or put again, is not among them
     */
    CompletableFuture<List<Sanction>> removeExpired(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit: at least 1, not " + limit);
        }
        return database.submitInTransaction(jdbc -> {
            List<Sanction> expired = jdbc.query(selectExpired, statement -> {
                Timestamps.set(statement, 1, now);
                statement.setInt(2, limit);
            }, mapper);
            List<Sanction> removed = new ArrayList<>(expired.size());
            for (Sanction sanction : expired) {
                if (jdbc.update(deleteExpired, statement -> {
                    statement.setString(1, keyOf(sanction.user()));
                    Timestamps.set(statement, 2, sanction.until());
                }) > 0) {
                    removed.add(sanction);
                }
            }
            return removed;
        });
    }

    private List<Sanction> find(JdbcTemplate jdbc, String key) {
        return jdbc.query(selectSubject, statement -> bindSubject(statement, key), mapper);
    }

    /** @return the index of the next parameter */
    private int bindSubject(java.sql.PreparedStatement statement, String key) throws java.sql.SQLException {
        statement.setString(1, key);
        if (shape.byAccount) {
            statement.setString(2, key);
            return 3;
        }
        return 2;
    }
}
