package io.tavern.server.logic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the logic tier reports: tasks queued and run, their wait (queued to run), failures. */
public final class LogicStats {

    private static final Logger log = LoggerFactory.getLogger(LogicStats.class);

    /** One task in this many has its queue wait recorded in {@code tavern.logic.task.latency}. */
    static final int LATENCY_SAMPLE = 8;

    private final LongAdder waiting = new LongAdder();
    private final Counter tasksRun;
    private final Counter tasksFailed;
    private final Timer taskLatency;

    public LogicStats(MeterRegistry registry) {
        this.tasksRun = Counter.builder("tavern.logic.tasks").description("logic tasks run").register(registry);
        this.tasksFailed = Counter.builder("tavern.logic.tasks.failed")
                .description("logic tasks that threw").register(registry);
        this.taskLatency = Timer.builder("tavern.logic.task.latency")
                .description("time a logic task waited between being queued and running (one task in "
                        + LATENCY_SAMPLE + " sampled)")
                .publishPercentileHistogram()
                .register(registry);
        registry.gauge("tavern.logic.queue.depth", waiting, LongAdder::sum);
    }

    void queued() {
        waiting.increment();
    }

    /**
     * A task starts after {@code waitedNanos} in its queue. The figure may come out negative: a serial executor
     * reads the clock once per task, so a task's start is the previous task's end, read before the next task is
     * polled, and a task queued in between looks as if it started before it was queued. It waited less than
     * the poll took, and is recorded as having waited 0 (a Micrometer timer drops a negative amount with a
     * warning, which lost the sample and flooded the log).
     */
    void started(long waitedNanos) {
        waiting.decrement();
        tasksRun.increment();
        // A histogram record costs more than many tasks do (a chat line makes three or four): one task
        // in LATENCY_SAMPLE has its wait recorded, which keeps the distribution and drops the cost.
        if (ThreadLocalRandom.current().nextInt(LATENCY_SAMPLE) == 0) {
            taskLatency.record(Math.max(0, waitedNanos), TimeUnit.NANOSECONDS);
        }
    }

    void failed(String executor, Throwable t) {
        tasksFailed.increment();
        // A task that throws is a bug: log it with its stack, once per occurrence.
        log.error("task on {} failed", executor, t);
    }

    public long tasksRun() {
        return (long) tasksRun.count();
    }

    /** Tasks that threw: each one is a bug (a guard breach, an unexpected exception). */
    public long tasksFailed() {
        return (long) tasksFailed.count();
    }

    /** Tasks queued on all serial executors and not yet started. */
    public long queueDepth() {
        return waiting.sum();
    }
}
