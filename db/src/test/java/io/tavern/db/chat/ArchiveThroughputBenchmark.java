package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.testing.DatabaseKind;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast the chat archive drains into the database at batch sizes 1, 100 and 1000; not part of the
 * normal build. Run with:
 * <pre>
 * TAVERN_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
 *   ./mvnw -pl db test -Dtest=ArchiveThroughputBenchmark -Dtavern.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Each run fills the archive's queue with messages from 100 rooms, then times from the first offer until
 * the last message is written. Results go to the test output and to {@code target/archive-throughput.txt}.
 */
@EnabledIfSystemProperty(named = "tavern.bench", matches = "true")
class ArchiveThroughputBenchmark {

    private static final Path REPORT = Path.of("target", "archive-throughput.txt");
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @DatabaseTest
    void archiveWriteThroughput(FreshDatabase fresh) throws IOException {
        Database database = fresh.open();
        report(fresh, "rewrite=default", 1, 5_000, run(fresh, database, 1, 5_000));
        report(fresh, "rewrite=default", 100, 100_000, run(fresh, database, 100, 100_000));
        report(fresh, "rewrite=default", 1_000, 200_000, run(fresh, database, 1_000, 200_000));
        if (fresh.kind() == DatabaseKind.POSTGRESQL) {
            // The same at batch size 1000 without the driver's multi-row rewrite, to show what it is worth.
            Database plain = fresh.open(config -> config.withUrl(config.url() + "?reWriteBatchedInserts=false",
                    config.user(), config.password()));
            report(fresh, "rewrite=off", 100, 100_000, run(fresh, plain, 100, 100_000));
            report(fresh, "rewrite=off", 1_000, 200_000, run(fresh, plain, 1_000, 200_000));
        }
    }

    private static Duration run(FreshDatabase fresh, Database database, int batchSize, int messages) {
        fresh.direct().execute("TRUNCATE TABLE chat_message");
        List<ArchivedMessage> torrent = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            int room = i % 100;
            long id = i / 100 + 1;
            torrent.add(ArchivedMessage.room(id, "room-" + room, "Room " + room, "user" + (i % 37),
                    "a chat message of a typical length, about sixty characters", T0.plusMillis(id)));
        }
        ChatArchive archive = new ChatArchive(database,
                ChatArchiveConfig.defaults().withQueueBytes(Long.MAX_VALUE / 2).withMaxBatchSize(batchSize));
        var written = database.meterRegistry().get("tavern.db.archive.written").counter();

        long start = System.nanoTime();
        torrent.forEach(message -> assertThat(archive.offer(message)).isTrue());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).until(() -> written.count() >= messages);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(archive.close(Duration.ofSeconds(30))).isZero();
        assertThat(fresh.direct().queryForObject("SELECT COUNT(*) FROM chat_message", Integer.class)).isEqualTo(messages);
        return elapsed;
    }

    private static void report(FreshDatabase fresh, String variant, int batchSize, int messages, Duration elapsed)
            throws IOException {
        String line = String.format(Locale.ROOT, "%-10s %-16s batch=%-5d messages=%-7d seconds=%7.3f rate=%9.0f msg/s%n",
                fresh.kind().displayName(), variant, batchSize, messages, elapsed.toNanos() / 1e9,
                messages / (elapsed.toNanos() / 1e9));
        System.out.print(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
