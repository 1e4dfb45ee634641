package io.tavern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The skip summary counts what it should: its tally runs on a launcher of its own over the fixture classes
 * below (nested static classes, which surefire does not pick up by themselves).
 */
class SkipSummaryTest {

    @Test
    void skipsAreCountedByReasonTheMostFrequentFirst() {
        assertThat(summaryOf(Mixed.class)).isEqualTo("[tavern-tests] fixture: 4 skipped: "
                + "PostgreSQL not reachable at 127.0.0.1:5432 (set TAVERN_TEST_PG_URL) ×2; "
                + "tmux is not installed ×1; under repair ×1");
    }

    @Test
    void aClassAbortedBeforeItsTestsCountsEachTestItKeptFromRunning() {
        assertThat(summaryOf(AbortedClass.class))
                .isEqualTo("[tavern-tests] fixture: 3 skipped: Redis not reachable at 127.0.0.1:6379 ×3");
    }

    @Test
    void aRunWithoutSkipsSaysNothing() {
        assertThat(summaryOf(NoSkips.class)).isNull();
    }

    private static String summaryOf(Class<?> fixture) {
        SkipSummary.Tally tally = new SkipSummary.Tally();
        // Without the session listeners found on the class path: this run's own summary would print.
        LauncherConfig config = LauncherConfig.builder().enableLauncherSessionListenerAutoRegistration(false).build();
        LauncherFactory.create(config).execute(request().selectors(selectClass(fixture)).build(), tally);
        return tally.summary("fixture");
    }

    static class Mixed {

        @Test
        void needsPostgres() {
            Assumptions.assumeTrue(false, "PostgreSQL not reachable at 127.0.0.1:5432 (set TAVERN_TEST_PG_URL)");
        }

        @Test
        void needsPostgresToo() {
            Assumptions.abort("PostgreSQL not reachable at 127.0.0.1:5432 (set TAVERN_TEST_PG_URL)");
        }

        @Test
        void needsTmux() {
            Assumptions.assumeTrue(false, "tmux is not installed");
        }

        @Test
        @Disabled("under repair")
        void disabled() {
        }

        @Test
        void runs() {
        }
    }

    static class AbortedClass {

        @BeforeAll
        static void needsRedis() {
            Assumptions.abort("Redis not reachable at 127.0.0.1:6379");
        }

        @Test
        void first() {
        }

        @Test
        void second() {
        }

        @Nested
        class Inner {
            @Test
            void third() {
            }
        }
    }

    static class NoSkips {

        @Test
        void runs() {
        }
    }
}
