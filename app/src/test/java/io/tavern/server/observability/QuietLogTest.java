package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** A warning an attacker can repeat at will costs one line per quiet time, and the next line counts the rest. */
class QuietLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("quiet-log-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong clock = new AtomicLong();
    private final QuietLog log = new QuietLog(logger, Level.WARN, Duration.ofSeconds(30), clock::get);

    QuietLogTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void aThousandWarningsWithinTheQuietTimeAreOneLineAndTheNextSaysHowManyWereLeftOut() {
        for (int i = 0; i < 1000; i++) {
            log.log("name {} must wait", "alice" + i);
            clock.addAndGet(Duration.ofMillis(10).toNanos());
        }
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        log.log("name {} must wait", "bob");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "name alice0 must wait",
                "name bob must wait (999 more like it not logged since the last)");
    }
}
