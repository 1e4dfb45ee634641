package io.tavern.db.node;

import io.tavern.db.Database;
import io.tavern.db.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Node id leases in the {@code node_lease} table (see {@code V5__node_lease.sql}).
 *
 * <p>Expiry is judged by the database's clock, the one clock every node shares; the id times (floor,
 * ceiling) are the nodes' own. Taking a row is optimistic: read the table, pick the row free the longest
 * (or insert the lowest unused node id), and write it only if its version is still the one read. Two nodes
 * racing for a row: one update wins, the other finds the version changed (or the key taken) and tries the
 * next row. No statement needs a lock or a vendor's syntax, so H2 and PostgreSQL run the same SQL.
 */
public final class DatabaseNodeLeases implements NodeLeases {

    /** Rounds of "read, pick, try" before giving up: only a crowd of nodes starting at once needs more than one. */
    static final int ACQUIRE_ATTEMPTS = 32;

    private static final String NOW = "SELECT CURRENT_TIMESTAMP AS now";
    private static final String ROWS = "SELECT node_id, expires_at, id_ceiling, version FROM node_lease";
    private static final String TAKE = "UPDATE node_lease SET holder = ?, expires_at = ?, id_ceiling = ?, version = version + 1"
            + " WHERE node_id = ? AND version = ?";
    private static final String INSERT = "INSERT INTO node_lease (node_id, holder, expires_at, id_ceiling, version)"
            + " VALUES (?, ?, ?, ?, 0)";
    private static final String RENEW = "UPDATE node_lease SET expires_at = ?, id_ceiling = ?, version = version + 1"
            + " WHERE node_id = ? AND holder = ?";
    private static final String RELEASE = "UPDATE node_lease SET expires_at = CURRENT_TIMESTAMP, id_ceiling = ?,"
            + " version = version + 1 WHERE node_id = ? AND holder = ?";

    private record Row(int nodeId, Instant expiresAt, long ceiling, long version) {
    }

    private final Database database;

    public DatabaseNodeLeases(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public CompletableFuture<NodeLease> acquire(String holder, long nowMs, Duration ttl) {
        Objects.requireNonNull(holder, "holder");
        requirePositive(ttl);
        return database.submitBackground(jdbc -> {
            for (int attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
                Instant dbNow = databaseNow(jdbc);
                List<Row> rows = jdbc.query(ROWS, (row, n) -> new Row(row.getInt("node_id"),
                        Timestamps.get(row, "expires_at"), row.getLong("id_ceiling"), row.getLong("version")));
                Optional<Row> free = rows.stream().filter(row -> !row.expiresAt().isAfter(dbNow))
                        .min(Comparator.comparing(Row::expiresAt).thenComparingInt(Row::nodeId));
                if (free.isPresent()) {
                    Row row = free.get();
                    NodeLease lease = startAbove(row.nodeId(), holder, row.ceiling(), nowMs, ttl);
                    if (jdbc.update(TAKE, holder, Timestamps.toSql(dbNow.plus(ttl)), lease.ceilingMs(), row.nodeId(),
                            row.version()) == 1) {
                        return lease;
                    }
                    continue; // another node took it between the read and the write
                }
                int unused = lowestUnused(rows);
                if (unused > MAX_NODE_ID) {
                    throw new NoFreeNodeIdException();
                }
                NodeLease lease = startAbove(unused, holder, -1, nowMs, ttl);
                try {
                    jdbc.update(INSERT, unused, holder, Timestamps.toSql(dbNow.plus(ttl)), lease.ceilingMs());
                    return lease;
                } catch (DuplicateKeyException raced) {
                    // another node inserted the same id first; read again
                }
            }
            throw new IllegalStateException("no node id could be leased in " + ACQUIRE_ATTEMPTS
                    + " attempts: too many nodes are starting at once");
        });
    }

    @Override
    public CompletableFuture<NodeLease> renew(NodeLease lease, long issuedUpToMs, long nowMs) {
        Objects.requireNonNull(lease, "lease");
        long ceiling = Math.max(lease.ceilingMs(), Math.max(issuedUpToMs, nowMs) + lease.ttl().toMillis());
        return database.submitBackground(jdbc -> {
            Instant dbNow = databaseNow(jdbc);
            if (jdbc.update(RENEW, Timestamps.toSql(dbNow.plus(lease.ttl())), ceiling, lease.nodeId(), lease.holder()) != 1) {
                throw new NodeLeaseLostException(lease);
            }
            return lease.withCeiling(ceiling);
        });
    }

    @Override
    public CompletableFuture<Void> release(NodeLease lease, long issuedUpToMs) {
        Objects.requireNonNull(lease, "lease");
        long ceiling = Math.max(lease.floorMs() - 1, issuedUpToMs);
        return database.submitBackground(jdbc -> {
            jdbc.update(RELEASE, ceiling, lease.nodeId(), lease.holder());
            return null;
        });
    }

    /** A lease on {@code nodeId} whose range starts at {@code nowMs}, or right above {@code previousCeiling}. */
    private static NodeLease startAbove(int nodeId, String holder, long previousCeiling, long nowMs, Duration ttl) {
        long floor = Math.max(nowMs, previousCeiling + 1);
        return new NodeLease(nodeId, holder, floor, floor + ttl.toMillis(), ttl);
    }

    private static int lowestUnused(List<Row> rows) {
        BitSet used = new BitSet(MAX_NODE_ID + 1);
        rows.forEach(row -> used.set(row.nodeId()));
        return used.nextClearBit(0);
    }

    private static Instant databaseNow(JdbcTemplate jdbc) {
        return jdbc.queryForObject(NOW, (row, n) -> Timestamps.get(row, "now"));
    }

    private static void requirePositive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
    }
}
