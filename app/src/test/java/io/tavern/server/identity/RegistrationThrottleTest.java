package io.tavern.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Accounts per address in a sliding window, on a clock the test moves. */
class RegistrationThrottleTest {

    private static final AddressBlock HOME = new AddressBlock("2001:db8:0:1::/64");

    private final AtomicLong clock = new AtomicLong();
    private final RegistrationThrottle throttle = new RegistrationThrottle(2, Duration.ofHours(1), AttemptListener.NONE,
            clock::get);

    @Test
    void anAddressCreatesAtMostTheLimitWithinTheWindow() {
        throttle.reserve(HOME).succeeded();
        clock.addAndGet(Duration.ofMinutes(20).toNanos());
        throttle.reserve(HOME).succeeded();

        Attempt third = throttle.reserve(HOME);
        assertThat(third.refused()).isTrue();
        assertThat(third.retryAfterMillis()).isEqualTo(Duration.ofMinutes(40).toMillis());
        assertThat(throttle.reserve(new AddressBlock("192.0.2.1")).refused()).isFalse();

        clock.addAndGet(Duration.ofMinutes(40).toNanos());
        assertThat(throttle.reserve(HOME).refused()).isFalse();
    }

    @Test
    void registrationsUnderWayCountSoParallelOnesCannotPassTheLimitTogether() {
        Attempt first = throttle.reserve(HOME);
        Attempt second = throttle.reserve(HOME);

        Attempt third = throttle.reserve(HOME);

        assertThat(first.refused() || second.refused()).isFalse();
        assertThat(third.refused()).isTrue();
        assertThat(third.retryAfterMillis()).isEqualTo(RegistrationThrottle.WHILE_UNDER_WAY.toMillis());
    }

    @Test
    void aRegistrationThatCreatedNoAccountGivesItsPlaceBack() {
        throttle.reserve(HOME).abandoned();
        throttle.reserve(HOME).failed();
        throttle.reserve(HOME).succeeded();

        assertThat(throttle.reserve(HOME).refused()).isFalse();
    }
}
