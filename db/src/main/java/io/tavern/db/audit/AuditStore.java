package io.tavern.db.audit;

import io.tavern.db.Database;
import io.tavern.db.PageRequest;
import io.tavern.db.Timestamps;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The audit log, listed newest first. An entry is appended before its action, {@link AuditOutcome#PENDING},
 * and completed once after it with the outcome; nothing else about it ever changes, and no entry is removed.
 */
public final class AuditStore {

    static final int MAX_ACTOR_LENGTH = 64;
    static final int MAX_ACTION_LENGTH = 64;
    static final int MAX_TARGET_LENGTH = 160;
    static final int MAX_REASON_LENGTH = 500;
    static final int MAX_DETAILS_LENGTH = 4000;

    private static final String INSERT = """
            INSERT INTO audit_log (actor, action, target, reason, details, occurred_at, outcome)
            VALUES (?, ?, ?, ?, ?, ?, 'PENDING')""";
    // Only a pending entry is completed: an outcome, once recorded, stays.
    private static final String COMPLETE = """
            UPDATE audit_log SET outcome = ?, status = ?, completed_at = ? WHERE id = ? AND outcome = 'PENDING'""";
    // Appends number the rows in order, so the id alone orders them, clock changes or not.
    private static final String LIST = """
            SELECT id, actor, action, target, reason, details, occurred_at, outcome, status, completed_at
            FROM audit_log
            ORDER BY id DESC LIMIT ? OFFSET ?""";
    private static final RowMapper<AuditEntry> ENTRY = (row, n) -> new AuditEntry(row.getLong("id"),
            row.getString("actor"), row.getString("action"), row.getString("target"), row.getString("reason"),
            row.getString("details"), Timestamps.get(row, "occurred_at"), AuditOutcome.valueOf(row.getString("outcome")),
            row.getObject("status", Integer.class), Timestamps.get(row, "completed_at"));

    private final Database database;
    private final Clock clock;

    public AuditStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public AuditStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends an entry, {@link AuditOutcome#PENDING} until {@link #complete completed}. {@code actor} and {@code action} are required; the rest may be {@code null}.
     *
     * @throws IllegalArgumentException for a missing or over-long field (actor and action: 64 characters,
     *     target 160, reason 500, details 4000)
     */
    public CompletableFuture<AuditEntry> append(String actor, String action, String target, String reason,
                                                String details) {
        requireText(actor, "actor", MAX_ACTOR_LENGTH, false);
        requireText(action, "action", MAX_ACTION_LENGTH, false);
        requireText(target, "target", MAX_TARGET_LENGTH, true);
        requireText(reason, "reason", MAX_REASON_LENGTH, true);
        requireText(details, "details", MAX_DETAILS_LENGTH, true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return database.submit(jdbc -> {
            KeyHolder id = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"});
                insert.setString(1, actor);
                insert.setString(2, action);
                insert.setString(3, target);
                insert.setString(4, reason);
                insert.setString(5, details);
                Timestamps.set(insert, 6, now);
                return insert;
            }, id);
            long newId = Objects.requireNonNull(id.getKey(), "generated id").longValue();
            return new AuditEntry(newId, actor, action, target, reason, details, now, AuditOutcome.PENDING, null, null);
        });
    }

    /**
     * Records how the action of a pending entry ended.
     *
     * @param status the HTTP status its caller was answered with
     * @return the entry as completed; fails with {@link IllegalStateException} when the entry does not exist
     *     or was completed already
     * @throws IllegalArgumentException for an outcome that is not final ({@code PENDING}, {@code UNKNOWN})
     */
    public CompletableFuture<AuditEntry> complete(AuditEntry entry, AuditOutcome outcome, int status) {
        Objects.requireNonNull(entry, "entry");
        if (!Objects.requireNonNull(outcome, "outcome").isFinal()) {
            throw new IllegalArgumentException("an entry is completed with a final outcome, not " + outcome);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return database.submit(jdbc -> {
            int updated = jdbc.update(connection -> {
                PreparedStatement update = connection.prepareStatement(COMPLETE);
                update.setString(1, outcome.name());
                update.setInt(2, status);
                Timestamps.set(update, 3, now);
                update.setLong(4, entry.id());
                return update;
            });
            if (updated != 1) {
                throw new IllegalStateException("audit entry " + entry.id() + " is not pending");
            }
            return new AuditEntry(entry.id(), entry.actor(), entry.action(), entry.target(), entry.reason(),
                    entry.details(), entry.at(), outcome, status, now);
        });
    }

    /** A page of entries, newest first. */
    public CompletableFuture<List<AuditEntry>> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return database.submit(jdbc -> jdbc.query(LIST, statement -> {
            statement.setInt(1, page.size());
            statement.setLong(2, page.offset());
        }, ENTRY));
    }

    private static void requireText(String value, String field, int maxLength, boolean optional) {
        if (value == null) {
            if (optional) {
                return;
            }
            throw new NullPointerException(field);
        }
        if ((!optional && value.isBlank()) || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " has " + (optional ? "0" : "1") + " to " + maxLength
                    + " characters");
        }
    }
}
