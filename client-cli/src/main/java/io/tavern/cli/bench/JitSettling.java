package io.tavern.cli.bench;

import java.time.Duration;

/**
 * Whether the server's JIT has settled: the share of the server's CPU time its compiler threads took, step by
 * step, under a threshold for {@value #STEPS_UNDER} steps in a row.
 *
 * <p>Why the bench asks: a window opened while the JIT still compiles the server's hot paths measures the
 * compiler as much as the server. A JVM server compiles for as long as its load keeps reaching code that is not
 * compiled yet, and on two shared cores its compiler threads wait their turn behind the server and the bench,
 * so how long that takes depends on the host: on one, Tavern's compilers still took 20-29 % of its CPU 50 s into
 * scenario 2 and settled under 2 % at 60 s; a fixed 20 s warm-up measured them at a quarter of the server.
 * Steps that single out a lull are why it takes two in a row.
 *
 * <p>Feed it one {@link ProcFs.Sample} per {@link #STEP}; not thread-safe (the bench's main thread uses it).
 */
final class JitSettling {

    /** How often the share is taken. */
    static final Duration STEP = Duration.ofSeconds(5);
    /** Steps in a row the share must stay under the threshold. */
    static final int STEPS_UNDER = 2;

    private final double thresholdShare;
    private ProcFs.Sample last;
    private double lastShare;
    private int stepsUnder;

    /**
     * @param thresholdShare the compilers' share of the server's CPU (0 to 1) under which a step counts as settled
     * @param start          the sample the first step is measured from
     */
    JitSettling(double thresholdShare, ProcFs.Sample start) {
        if (!(thresholdShare > 0 && thresholdShare <= 1)) {
            throw new IllegalArgumentException("the threshold is a share of the server's CPU, over 0 and at most 1: "
                    + thresholdShare);
        }
        this.thresholdShare = thresholdShare;
        this.last = start;
    }

    /** Whether the server's compilers are known: a JVM server on this machine, with {@code /proc} to read. */
    static boolean measurable(ProcFs.Sample sample) {
        return sample.serverCpuNanos() >= 0 && sample.serverJitCpuNanos() >= 0;
    }

    /** Takes the sample at the end of the next step; true once {@value #STEPS_UNDER} steps in a row were under. */
    boolean settledAfter(ProcFs.Sample next) {
        long server = next.serverCpuNanos() - last.serverCpuNanos();
        // A compiler thread that ended takes its time with it (see ProcFs.compilerCpuNanos): never below zero.
        long compilers = Math.max(0, next.serverJitCpuNanos() - last.serverJitCpuNanos());
        last = next;
        lastShare = server <= 0 ? 0 : Math.min(1, (double) compilers / server);
        stepsUnder = lastShare < thresholdShare ? stepsUnder + 1 : 0;
        return stepsUnder >= STEPS_UNDER;
    }

    /** The compilers' share of the server's CPU in the last step, 0 to 1. */
    double lastShare() {
        return lastShare;
    }
}
