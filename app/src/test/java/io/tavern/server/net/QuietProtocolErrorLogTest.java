package io.tavern.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.observability.QuietLog;
import io.tavern.server.testing.RawConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An attacker who opens connection after connection of garbage costs the log a line per quiet time,
 * not a line per connection; the counters keep every one, and the next line says how many it left out.
 */
@SpringBootTest(properties = {"tavern.net.port=0", "server.port=0", "tavern.net.handshake-timeout=1s"})
class QuietProtocolErrorLogTest {

    static final int CONNECTIONS = 1000;
    static final Pattern LEFT_OUT = Pattern.compile("\\((\\d+) more like it not logged since the last\\)");
    /** Field 1 as a length-delimited string whose length runs past the frame: not an Envelope. */
    static final byte[] GARBAGE = {0x0A, 0x7F, 0x01};

    @Autowired
    TavernServer server;

    @Autowired
    NetworkStats stats;

    private final Logger logger = (Logger) LoggerFactory.getLogger(SessionHandler.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    /** After the context started: starting it resets the logging system, which detaches appenders. */
    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void aThousandMalformedFrameConnectionsAreAFewLogLinesAndTheCountersKeepEveryOne() throws Exception {
        long errorsBefore = stats.protocolErrors(ErrorCode.MALFORMED_FRAME);
        long started = System.nanoTime();

        ExecutorService attackers = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Envelope>>> answers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                answers.add(attackers.submit(this::sendGarbage));
            }
            for (Future<List<Envelope>> answer : answers) {
                assertThat(answer.get().get(0).getError().getCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
            }
        } finally {
            attackers.shutdownNow();
        }
        Duration flood = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stats.protocolErrors(ErrorCode.MALFORMED_FRAME) - errorsBefore).isEqualTo(CONNECTIONS);
        long quietPeriods = flood.toNanos() / QuietLog.QUIET_TIME.toNanos();
        assertThat(protocolErrorLines()).as("at most one line per quiet time during a flood of %s", flood)
                .hasSizeLessThanOrEqualTo((int) quietPeriods + 2);

        // Once the quiet time is over, the next one goes out and says how many were left out.
        int linesOfTheFlood = protocolErrorLines().size();
        Awaitility.await("a line after the flood that counts what it left out")
                .atMost(QuietLog.QUIET_TIME.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    sendGarbage();
                    return protocolErrorLines().stream().skip(linesOfTheFlood)
                            .anyMatch(line -> LEFT_OUT.matcher(line).find());
                });
        List<String> logged = protocolErrorLines();
        long leftOut = logged.stream().map(LEFT_OUT::matcher).filter(Matcher::find)
                .mapToLong(found -> Long.parseLong(found.group(1))).sum();
        assertThat(logged.size() + leftOut).as("every error is a line or counted in one: " + logged)
                .isGreaterThanOrEqualTo(CONNECTIONS);
        assertThat(logged).hasSizeLessThanOrEqualTo((int) quietPeriods + 3);
    }

    private List<Envelope> sendGarbage() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.writeFrame(GARBAGE.length, GARBAGE);
            return raw.readUntilClosed();
        }
    }

    /** What the log got so far; the appender appends under its own lock, so it is read under it too. */
    private List<String> protocolErrorLines() {
        List<ILoggingEvent> events;
        synchronized (lines) {
            events = List.copyOf(lines.list);
        }
        return events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("protocol error from")).toList();
    }
}
