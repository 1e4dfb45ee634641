package io.tavern.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says on the console, in one line per test run, how many tests were skipped and why, grouped by reason
 * (the most frequent first):
 * <pre>[tavern-tests] tavern-db: 50 skipped: PostgreSQL not reachable at 127.0.0.1:5432 (set TAVERN_TEST_PG_URL) ×50</pre>
 * Surefire's console shows only "Skipped: 50"; the reasons are in its XML reports, where nobody looks.
 *
 * <p>Both kinds of skip count: a test disabled by a condition, and a test aborted by a failed assumption
 * (an absent PostgreSQL, Node.js or tmux). A skipped or aborted class counts each of its tests that did not
 * run. The line is printed when the launcher session closes, so a run that executes class by class still
 * gets one line; nothing is printed when nothing was skipped.
 *
 * <p>Surefire and failsafe capture {@code System.out} and {@code System.err} into per-class files
 * ({@code redirectTestOutputToFile}) and use the fork's standard output as their channel to Maven; what the
 * fork writes to its <em>native</em> standard error, though, Maven prints on its console as it is. So the
 * line goes to {@link FileDescriptor#err}. The run's name comes from the {@code tavern.test.suite} system
 * property (the parent pom sets it per module and plugin), else the working directory's name.
 */
public final class SkipSummary implements LauncherSessionListener {

    static final String PREFIX = "[tavern-tests] ";
    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

    private Tally tally;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        tally = new Tally();
        session.getLauncher().registerTestExecutionListeners(tally);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (tally == null) {
            return;
        }
        String summary = tally.summary(suiteName());
        if (summary != null) {
            nativeStandardError().println(summary);
        }
        tally = null;
    }

    private static String suiteName() {
        String configured = System.getProperty("tavern.test.suite");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath().getFileName();
        return workingDirectory == null ? "tests" : workingDirectory.toString();
    }

    /** The process's own standard error, around whatever capture {@code System.err} is now. Never closed. */
    private static PrintStream nativeStandardError() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** The skips of one launcher session, by reason. */
    static final class Tally implements TestExecutionListener {

        private final Map<String, Integer> byReason = new HashMap<>();
        private final Set<String> started = ConcurrentHashMap.newKeySet();
        private volatile TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            started.add(identifier.getUniqueId());
        }

        @Override
        public void executionSkipped(TestIdentifier identifier, String reason) {
            add(reason, testsThatDidNotRun(identifier));
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                String reason = result.getThrowable().map(Throwable::getMessage).orElse(null);
                add(reason, identifier.isTest() ? 1 : testsThatDidNotRun(identifier));
            }
        }

        /**
         * The tests a skipped or aborted node kept from running: itself, or those of its tests that never
         * started; a class or template none of whose tests is known yet stands for one.
         */
        private int testsThatDidNotRun(TestIdentifier identifier) {
            if (identifier.isTest() || plan == null) {
                return 1;
            }
            Set<TestIdentifier> descendants = plan.getDescendants(identifier);
            boolean anyStarted = descendants.stream().anyMatch(node -> started.contains(node.getUniqueId()));
            long notStarted = descendants.stream()
                    .filter(TestIdentifier::isTest)
                    .filter(test -> !started.contains(test.getUniqueId()))
                    .count();
            return notStarted == 0 && !anyStarted ? 1 : (int) notStarted;
        }

        private synchronized void add(String reason, int tests) {
            if (tests > 0) {
                byReason.merge(readable(reason), tests, Integer::sum);
            }
        }

        private static String readable(String reason) {
            if (reason == null || reason.isBlank()) {
                return "no reason given";
            }
            String line = reason.strip().lines().findFirst().orElse("");
            return line.startsWith(ASSUMPTION_PREFIX) ? line.substring(ASSUMPTION_PREFIX.length()) : line;
        }

        /** The console line, or null when nothing was skipped. */
        synchronized String summary(String suite) {
            int total = byReason.values().stream().mapToInt(Integer::intValue).sum();
            if (total == 0) {
                return null;
            }
            String reasons = byReason.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(entry -> entry.getKey() + " ×" + entry.getValue())
                    .collect(Collectors.joining("; "));
            return PREFIX + suite + ": " + total + " skipped: " + reasons;
        }
    }
}
