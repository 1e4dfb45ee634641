package io.tavern.db.chat;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * Issue 12, item 4, "if the embedded H2 cannot get there, measure the embedded alternatives on the same
 * workload": a row per message (the {@code chat_message} table of V6 to V9, 100 rooms, 60-character lines),
 * written as the archive wrote them before chunks (V10) (INSERTs of 100 rows, 2 000 rows a transaction, one writer thread) into H2,
 * SQLite and HSQLDB, as fast as each goes, single-threaded. Reports rows/s and this JVM's CPU per row
 * (SQLite's native engine runs in the JVM process, so its CPU is counted too). Not part of the build:
 * <pre>
 * ./mvnw -B -pl db -am test -Dtest=EmbeddedEngineBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dtavern.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "tavern.bench", matches = "true")
class EmbeddedEngineBenchmark {

    private static final Path REPORT = Path.of("target", "archive-engines.txt");
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final int ROWS_PER_STATEMENT = 100;
    private static final int ROWS_PER_TRANSACTION = 2_000;
    private static final String COLUMNS = "channel, id, scope, room_id, room_name, sender, recipient, sender_party,"
            + " recipient_party, text, sent_at";
    private static final int COLUMN_COUNT = 11;
    private static final String TEXT = "a chat message of a typical length, about sixty characters..";

    enum Engine {
        H2("jdbc:h2:file:%s/h2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "", "TIMESTAMP WITH TIME ZONE"),
        SQLITE("jdbc:sqlite:%s/sqlite.db?journal_mode=WAL&synchronous=NORMAL", " WITHOUT ROWID", "INTEGER"),
        HSQLDB("jdbc:hsqldb:file:%s/hsql;hsqldb.tx=mvcc;shutdown=true", "", "TIMESTAMP WITH TIME ZONE");

        final String url;
        final String tableSuffix;
        final String timeType;

        Engine(String url, String tableSuffix, String timeType) {
            this.url = url;
            this.tableSuffix = tableSuffix;
            this.timeType = timeType;
        }
    }

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rowsPerSecondAndCpuPerRow(Engine engine) throws Exception {
        try (Connection connection = DriverManager.getConnection(engine.url.formatted(directory), "sa", "")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute((engine == Engine.HSQLDB ? "CREATE CACHED TABLE" : "CREATE TABLE") + " chat_message ("
                        + "channel BIGINT NOT NULL, id BIGINT NOT NULL, scope VARCHAR(8) NOT NULL, room_id VARCHAR(64),"
                        + " room_name VARCHAR(64), sender VARCHAR(64), recipient VARCHAR(64), sender_party VARCHAR(64),"
                        + " recipient_party VARCHAR(64), text VARCHAR(4000) NOT NULL, sent_at " + engine.timeType
                        + " NOT NULL, PRIMARY KEY (channel, id))" + engine.tableSuffix);
            }
            connection.setAutoCommit(false);
            String[] rooms = new String[100];
            for (int i = 0; i < rooms.length; i++) {
                rooms[i] = UUID.randomUUID().toString();
            }
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (PreparedStatement insert = connection.prepareStatement(insert(ROWS_PER_STATEMENT))) {
                long id = 1L << 58;
                write(engine, connection, insert, rooms, id, WARMUP);
                long cpu = os.getProcessCpuTime();
                long began = System.nanoTime();
                long rows = write(engine, connection, insert, rooms, id + 100_000_000L, MEASURED);
                double seconds = (System.nanoTime() - began) / 1e9;
                String line = String.format(Locale.ROOT, "%-7s rows=%d %.0f rows/s cpu=%.2fus/row load=%s%n", engine,
                        rows, rows / seconds, (os.getProcessCpuTime() - cpu) / 1e3 / rows,
                        Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim().replace(' ', '/'));
                System.out.print(line);
                Files.createDirectories(REPORT.getParent());
                Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    private static long write(Engine engine, Connection connection, PreparedStatement insert, String[] rooms, long firstId,
                              Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        long rows = 0;
        while (System.nanoTime() < end) {
            Instant now = Instant.now();
            for (int statement = 0; statement < ROWS_PER_TRANSACTION / ROWS_PER_STATEMENT; statement++) {
                for (int row = 0; row < ROWS_PER_STATEMENT; row++, rows++) {
                    int room = (int) (rows % rooms.length);
                    int p = 1 + row * COLUMN_COUNT;
                    insert.setLong(p, ChatChannel.room(rooms[room]).id());
                    insert.setLong(p + 1, firstId + rows);
                    insert.setString(p + 2, "ROOM");
                    insert.setString(p + 3, rooms[room]);
                    insert.setString(p + 4, "Room " + room);
                    insert.setString(p + 5, "player" + rows % 37);
                    insert.setString(p + 6, null);
                    insert.setString(p + 7, null);
                    insert.setString(p + 8, null);
                    insert.setString(p + 9, TEXT);
                    if (engine == Engine.SQLITE) {
                        insert.setLong(p + 10, now.toEpochMilli());
                    } else {
                        insert.setObject(p + 10, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
        return rows;
    }

    private static String insert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO chat_message (").append(COLUMNS).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }
}
