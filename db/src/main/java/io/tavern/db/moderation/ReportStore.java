package io.tavern.db.moderation;

import io.tavern.db.Database;
import io.tavern.db.NameKey;
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
 * Players' reports, kept for the operators and listed newest first. The store keeps what it is given: the
 * server sanitises the reason and decides who may report how often.
 */
public final class ReportStore {

    public static final int MAX_REASON_LENGTH = 500;
    static final int MAX_IDENTITY_LENGTH = 80;

    private static final String INSERT = """
            INSERT INTO player_report (reporter, reporter_identity, reporter_address, reported, reason, room_id,
                                       room_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String LIST = """
            SELECT id, reporter, reporter_identity, reporter_address, reported, reason, room_id, room_name, created_at
            FROM player_report
            ORDER BY id DESC LIMIT ? OFFSET ?""";
    private static final RowMapper<PlayerReport> REPORT = (row, n) -> new PlayerReport(row.getLong("id"),
            row.getString("reporter"), row.getString("reporter_identity"), row.getString("reporter_address"),
            row.getString("reported"), row.getString("reason"), row.getString("room_id"), row.getString("room_name"),
            Timestamps.get(row, "created_at"));

    private final Database database;
    private final Clock clock;

    public ReportStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public ReportStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Files a report. Names are checked as names; {@code roomId} and {@code roomName} are both given or both
     * {@code null}.
     *
     * @throws IllegalArgumentException for a missing, blank or over-long field
     */
    public CompletableFuture<PlayerReport> file(String reporter, String reporterIdentity, String reporterAddress,
                                                String reported, String reason, String roomId, String roomName) {
        NameKey.of(reporter);
        NameKey.of(reported);
        require(reporterIdentity, "reporterIdentity", MAX_IDENTITY_LENGTH);
        require(reporterAddress, "reporterAddress", AddressSanctionStore.MAX_RANGE_LENGTH);
        require(reason, "reason", MAX_REASON_LENGTH);
        if ((roomId == null) != (roomName == null)) {
            throw new IllegalArgumentException("a room has an id and a name, or there is none");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return database.submit(jdbc -> {
            KeyHolder id = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"});
                insert.setString(1, reporter);
                insert.setString(2, reporterIdentity);
                insert.setString(3, reporterAddress);
                insert.setString(4, reported);
                insert.setString(5, reason);
                insert.setString(6, roomId);
                insert.setString(7, roomName);
                Timestamps.set(insert, 8, now);
                return insert;
            }, id);
            long newId = Objects.requireNonNull(id.getKey(), "generated id").longValue();
            return new PlayerReport(newId, reporter, reporterIdentity, reporterAddress, reported, reason, roomId,
                    roomName, now);
        });
    }

    /** A page of reports, newest first. */
    public CompletableFuture<List<PlayerReport>> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return database.submit(jdbc -> jdbc.query(LIST, statement -> {
            statement.setInt(1, page.size());
            statement.setLong(2, page.offset());
        }, REPORT));
    }

    private static void require(String value, String field, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " has 1 to " + maxLength + " characters");
        }
    }
}
