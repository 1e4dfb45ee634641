package io.tavern.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MinuteRateTest {

    static final long SECOND = 1_000_000_000L;

    final AtomicLong total = new AtomicLong();
    final AtomicLong now = new AtomicLong(42 * SECOND);
    final MinuteRate rate = new MinuteRate(total::get, now::get);

    private void secondPasses(long added) {
        now.addAndGet(SECOND);
        total.addAndGet(added);
        rate.sample();
    }

    @Test
    void withFewerThanTwoSamplesTheRateIsZero() {
        assertThat(rate.perSecond()).isZero();
        rate.sample();
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void inTheFirstMinuteTheRateIsOverTheTimeSinceTheFirstSample() {
        rate.sample();
        for (int i = 0; i < 10; i++) {
            secondPasses(30);
        }

        assertThat(rate.perSecond()).isCloseTo(30, within(1e-9));
    }

    @Test
    void onlyTheLastMinuteCounts() {
        rate.sample();
        for (int i = 0; i < 120; i++) {
            secondPasses(1000); // a burst long ago
        }
        for (int i = 0; i < 60; i++) {
            secondPasses(6);
        }

        assertThat(rate.perSecond()).isCloseTo(6, within(1e-9));
    }

    @Test
    void aQuietMinuteBringsTheRateBackToZero() {
        rate.sample();
        secondPasses(500);
        for (int i = 0; i < 61; i++) {
            secondPasses(0);
        }

        assertThat(rate.perSecond()).isZero();
    }
}
