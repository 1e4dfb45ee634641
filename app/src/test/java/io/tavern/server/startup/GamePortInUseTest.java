package io.tavern.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tavern.server.TavernApplication;
import io.tavern.server.net.GamePortUnavailableException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start that cannot bind the game port fails with the port named, and takes its event loops down with
 * it: a {@code tavern-accept} thread left running would keep the JVM alive after the failed start.
 */
class GamePortInUseTest {

    @Test
    void aTakenGamePortFailsTheStartAndLeavesNoEventLoopThreadBehind() throws Exception {
        Set<Thread> before = eventLoopThreads();
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(TavernApplication.class)
                    .run("--tavern.net.port=" + port, "--server.port=0"));

            FailureAnalysis analysis = new GamePortFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("analysed as a game port failure: %s", failure).isNotNull();
            assertThat(analysis.getCause()).isInstanceOf(GamePortUnavailableException.class);
            assertThat(OneLineFailureReporter.line(analysis)).isEqualTo("Tavern cannot start: game port " + port
                    + " on 0.0.0.0 is in use by another process; stop it or set tavern.net.port (e.g. --tavern.net.port="
                    + (port + 1) + ")");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<Thread> left = eventLoopThreads();
            left.removeAll(before);
            assertThat(left).as("event-loop threads of the failed start still alive").isEmpty();
        });
    }

    private static Set<Thread> eventLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("tavern-accept") || thread.getName().startsWith("tavern-io"))
                .filter(Thread::isAlive)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
