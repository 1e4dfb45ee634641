package io.tavern.server.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the logic tier reports about its tasks' waits. */
class LogicStatsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LogicStats stats = new LogicStats(registry);

    /**
     * A serial executor dates a task's start by the previous task's end, read before the poll: a task queued in
     * between comes out as having waited less than nothing. It is recorded as no wait, not dropped with a warning.
     */
    @Test
    void aWaitThatComesOutNegativeIsRecordedAsNoWait() {
        Timer latency = registry.get("tavern.logic.task.latency").timer();
        // One task in LATENCY_SAMPLE is recorded; this many make a record all but certain (1 - (7/8)^400).
        int tasks = 400;
        for (int i = 0; i < tasks; i++) {
            stats.queued();
            stats.started(-1_500);
        }

        assertThat(latency.count()).isPositive();
        assertThat(latency.max(TimeUnit.NANOSECONDS)).isZero();
        assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isZero();
        assertThat(stats.tasksRun()).isEqualTo(tasks);
        assertThat(stats.queueDepth()).isZero();
    }
}
