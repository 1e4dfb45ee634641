package io.tavern.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * CPU time and memory as Linux's {@code /proc} reports them: the load generator's own CPU time
 * (from the JVM, in nanoseconds), the server's (utime + stime of {@code /proc/PID/stat}, every thread
 * of the process), the part of it its JIT compiler threads used, how often its threads went to sleep, its
 * resident memory, and the busy time of the whole machine ({@code /proc/stat}). Elsewhere, or for a process
 * that is gone, a figure is -1 (unknown).
 *
 * <p>{@code /proc} counts CPU time in clock ticks of 1/{@value #USER_HZ} s: Linux fixes USER_HZ at
 * 100 for user space on every architecture it runs Java on.
 */
final class ProcFs {

    static final long USER_HZ = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / USER_HZ;

    private ProcFs() {
    }

    /**
     * HotSpot's JIT compiler threads are named {@code C1 CompilerThreadN} and {@code C2 CompilerThreadN}; the
     * kernel keeps the first 15 bytes of a thread's name.
     */
    private static final String[] COMPILER_THREADS = {"C1 CompilerThre", "C2 CompilerThre"};

    /**
     * What the load generator, the server and the machine had used by one instant (and of the server's, its JIT
     * compiler threads), how many times the server's threads had gone to sleep, and the server's resident memory
     * then; -1 where unknown (no server pid, no {@code /proc}).
     */
    record Sample(long wallNanos, long benchCpuNanos, long serverCpuNanos, long serverJitCpuNanos, long serverSleeps,
                  long machineBusyNanos, long serverRssKiB) {

        static Sample now(long serverPid) {
            return new Sample(System.nanoTime(), selfCpuNanos(), serverPid > 0 ? cpuNanos(serverPid) : -1,
                    serverPid > 0 ? compilerCpuNanos(serverPid) : -1, serverPid > 0 ? sleeps(serverPid) : -1,
                    ProcFs.machineBusyNanos(), serverPid > 0 ? rssKiB(serverPid) : -1);
        }
    }

    static long selfCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** utime + stime of process {@code pid}, all its threads, in nanoseconds. */
    static long cpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat == null ? -1 : cpuNanosOf(stat);
    }

    /**
     * utime + stime of the JIT compiler threads of process {@code pid} (a HotSpot JVM's), in nanoseconds: 0 for a
     * process without any, -1 where unknown. A compiler thread that has ended (HotSpot starts and stops extra ones
     * as its queue grows and shrinks) no longer counts, so a later sample can be lower than an earlier one.
     */
    static long compilerCpuNanos(long pid) {
        return sumOverThreads(pid, "stat", stat -> isCompilerThread(stat) ? cpuNanosOf(stat) : 0);
    }

    /**
     * How many times the threads of process {@code pid} have gone to sleep of their own accord (waited for a
     * lock, a queue, a socket or a timer: {@code voluntary_ctxt_switches}, summed over {@code /proc/PID/task}), so
     * how many wake-ups it has taken; -1 where unknown. Being preempted does not count. As with
     * {@link #compilerCpuNanos}, a thread that has ended no longer counts.
     */
    static long sleeps(long pid) {
        return sumOverThreads(pid, "status", ProcFs::voluntarySwitchesOf);
    }

    private static long voluntarySwitchesOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new IllegalStateException("no voluntary_ctxt_switches in a thread's status");
    }

    /**
     * A figure summed over the living threads of process {@code pid}, each read from {@code /proc/PID/task/TID/file};
     * a thread that ends while it is read is left out; -1 where the process or {@code /proc} is not there.
     */
    private static long sumOverThreads(long pid, String file, ToLongFunction<String> figure) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long sum = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String text = read(thread.resolve(file));
                if (text != null) {
                    sum += figure.applyAsLong(text);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }

    private static boolean isCompilerThread(String stat) {
        // The name (field 2) is in parentheses and may hold spaces and parentheses itself.
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        for (String compiler : COMPILER_THREADS) {
            if (name.startsWith(compiler)) {
                return true;
            }
        }
        return false;
    }

    /** utime + stime from a process's or a thread's {@code stat} line, in nanoseconds. */
    private static long cpuNanosOf(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** Resident memory of process {@code pid} in KiB. */
    static long rssKiB(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return -1;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** CPU time the whole machine spent busy (user, nice, system, irq, softirq, steal; all cores), in nanoseconds. */
    static long machineBusyNanos() {
        String stat = read(Path.of("/proc/stat"));
        if (stat == null || !stat.startsWith("cpu ")) {
            return -1;
        }
        String[] fields = stat.substring(4, stat.indexOf('\n')).strip().split("\\s+");
        long busy = 0;
        for (int i : new int[] {0, 1, 2, 5, 6, 7}) {
            busy += Long.parseLong(fields[i]);
        }
        return busy * NANOS_PER_TICK;
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} gives them, or "" where unknown. */
    static String loadAverage() {
        String loadavg = read(Path.of("/proc/loadavg"));
        if (loadavg == null) {
            return "";
        }
        String[] fields = loadavg.strip().split(" ");
        return fields.length < 3 ? "" : fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
