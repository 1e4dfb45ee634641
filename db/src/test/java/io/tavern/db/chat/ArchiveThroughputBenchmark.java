package io.tavern.db.chat;

import io.micrometer.core.instrument.Counter;
import io.tavern.db.Database;
import io.tavern.db.testing.DatabaseKind;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 4: can the archive keep up with 150 000 messages/s, and at what CPU per message? Not part
 * of the normal build. One producer thread offers room messages (100 rooms, 60-character lines) at a
 * steady rate, as rooms' executors would; after a warm-up (45 s: on this shared 2-core machine the C2 compiler
 * still takes half the CPU 15 s in), the archive's written counter and the CPU time
 * of this JVM (and of the PostgreSQL server's processes) are read over a measured window.
 * <pre>
 * TAVERN_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres ./mvnw -B -pl db -am test \
 *   -Dtest=ArchiveThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dtavern.bench=true \
 *   [-Dtavern.bench.rate=150000] [-Dtavern.bench.warmup=PT45S] [-Dtavern.bench.duration=PT30S]
 *   [-Dtavern.bench.batch=2000] (the archive's batch size: messages per write, and so per channel's chunk)
 * </pre>
 * Results go to the output and to {@code db/target/archive-throughput.txt}. {@code client-cli/bench/s6-archive.sh}
 * runs it for both databases. "JVM CPU" is the whole process (the producer too, and H2's engine, which runs
 * in it); "archive CPU" leaves out the producer thread's own time, which includes building each message
 * and offering it. "PostgreSQL CPU" counts every process named postgres on the machine: on a shared machine,
 * other users of the same server add to it.
 */
@EnabledIfSystemProperty(named = "tavern.bench", matches = "true")
class ArchiveThroughputBenchmark {

    private static final Path REPORT = Path.of("target", "archive-throughput.txt");
    private static final int RATE = Integer.getInteger("tavern.bench.rate", 150_000);
    private static final Duration WARMUP = Duration.parse(System.getProperty("tavern.bench.warmup", "PT45S"));
    private static final Duration MEASURED = Duration.parse(System.getProperty("tavern.bench.duration", "PT30S"));
    private static final int BATCH = Integer.getInteger("tavern.bench.batch", ChatArchiveConfig.DEFAULT_MAX_BATCH_SIZE);
    private static final int ROOMS = 100;
    private static final String TEXT = "a chat message of a typical length, about sixty characters..";

    /** Offers RATE messages a second, in small steps, until stopped; counts what the archive refused. */
    private static final class Producer implements Runnable {
        final ChatArchive archive;
        final String[] rooms = new String[ROOMS];
        final String[] senders = new String[37];
        final AtomicLong offered = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        volatile boolean stop;
        volatile Thread thread;

        Producer(ChatArchive archive) {
            this.archive = archive;
            for (int i = 0; i < ROOMS; i++) {
                rooms[i] = UUID.randomUUID().toString();
            }
            for (int i = 0; i < senders.length; i++) {
                senders[i] = "player" + i;
            }
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            long start = System.nanoTime();
            long id = 1L << 58;
            long sent = 0;
            Instant now = Instant.now();
            long nowMs = now.toEpochMilli();
            while (!stop) {
                long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
                if (System.currentTimeMillis() != nowMs) {
                    nowMs = System.currentTimeMillis();
                    now = Instant.ofEpochMilli(nowMs);
                }
                for (; sent < due; sent++) {
                    int room = (int) (sent % ROOMS);
                    ArchivedMessage message = ArchivedMessage.room(id++, rooms[room], "Room " + room,
                            senders[(int) (sent % senders.length)], TEXT, now);
                    if (!archive.offer(message)) {
                        refused.incrementAndGet();
                    }
                }
                offered.set(sent);
                LockSupport.parkNanos(200_000);
            }
        }
    }

    private record Sample(long nanos, double written, long jvmCpuNanos, long producerCpuNanos, long postgresCpuNanos,
                          long refused) {
    }

    @DatabaseTest
    void sustainedArchiveRate(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        ChatArchive archive = new ChatArchive(database, ChatArchiveConfig.defaults().withMaxBatchSize(BATCH));
        Counter written = database.meterRegistry().get("tavern.db.archive.written").counter();
        Producer producer = new Producer(archive);
        Thread thread = new Thread(producer, "archive-bench-producer");
        thread.start();

        TimeUnit.MILLISECONDS.sleep(WARMUP.toMillis());
        Sample start = sample(written, producer);
        long maxBacklog = 0;
        for (long s = 0; s < MEASURED.toSeconds(); s++) {
            TimeUnit.SECONDS.sleep(1);
            maxBacklog = Math.max(maxBacklog, archive.backlog());
        }
        Sample end = sample(written, producer);
        producer.stop = true;
        thread.join();
        assertThat(archive.close(Duration.ofMinutes(2))).isZero();

        double seconds = (end.nanos() - start.nanos()) / 1e9;
        double messages = end.written() - start.written();
        String line = String.format(Locale.ROOT, "%-10s %-10s target=%d/s written=%.0f/s refused=%d maxBacklog=%d "
                        + "jvmCpu=%.2fus/msg archiveCpu=%.2fus/msg postgresCpu=%s window=%.0fs load=%s%n",
                fresh.kind().displayName(), "batch=" + BATCH, RATE, messages / seconds,
                end.refused() - start.refused(), maxBacklog,
                (end.jvmCpuNanos() - start.jvmCpuNanos()) / 1e3 / messages,
                (end.jvmCpuNanos() - start.jvmCpuNanos() - (end.producerCpuNanos() - start.producerCpuNanos())) / 1e3 / messages,
                fresh.kind() == DatabaseKind.POSTGRESQL ? String.format(Locale.ROOT, "%.2fus/msg",
                        (end.postgresCpuNanos() - start.postgresCpuNanos()) / 1e3 / messages) : "n/a", seconds, loadAverage());
        System.out.print(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh.kind() == DatabaseKind.POSTGRESQL) {
            assertThat(StoredChat.count(fresh.direct()))
                    .isEqualTo(producer.offered.get() - producer.refused.get());
        }
    }

    private static Sample sample(Counter written, Producer producer) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Sample(System.nanoTime(), written.count(), os.getProcessCpuTime(),
                threads.getThreadCpuTime(producer.thread.getId()), postgresCpuNanos(), producer.refused.get());
    }

    /** CPU time of every process named postgres on this machine, from /proc (0 where there is none). */
    private static long postgresCpuNanos() throws IOException {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks * 10_000_000L; // USER_HZ = 100 on Linux
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim().replace(' ', '/');
    }
}
