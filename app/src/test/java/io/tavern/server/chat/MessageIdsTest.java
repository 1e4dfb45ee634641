package io.tavern.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.db.node.NodeLease;
import io.tavern.db.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(NOW);

    private static long validFor(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }

    private MessageIds leased(int nodeId) {
        MessageIds ids = new MessageIds(clock);
        long now = ids.nowMs();
        ids.begin(new NodeLease(nodeId, "test", now, now + TTL.toMillis(), TTL), validFor(TTL));
        return ids;
    }

    @Test
    void anIdCarriesTheTimeAndTheNodeIdAndStaysAPositiveLong() {
        long id = leased(1023).next();

        assertThat(id).isPositive().isGreaterThan(1L << 53);
        assertThat(MessageIds.nodeIdOf(id)).isEqualTo(1023);
        assertThat(MessageIds.timeOf(id)).isEqualTo(NOW);
    }

    @Test
    void aBurstOfMoreThan4096IdsInOneMillisecondBorrowsTheNextMillisecondsAndStaysStrictlyIncreasing() {
        MessageIds ids = leased(7);
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        assertThat(MessageIds.timeOf(previous)).isEqualTo(NOW.plusMillis(2)); // 10 000 ids = 3 ms of 4 096
        assertThat(MessageIds.nodeIdOf(previous)).isEqualTo(7);
    }

    @Test
    void aClockThatStepsBackNeverMakesANodeMintAnIdAgain() {
        MessageIds ids = leased(3);
        Set<Long> minted = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 100; i++) {
            last = ids.next();
            minted.add(last);
        }

        clock.advance(Duration.ofHours(-1));

        for (int i = 0; i < 100; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(last);
            assertThat(minted.add(id)).isTrue();
            last = id;
        }
    }

    @Test
    void twoNodesOnTheSameMillisecondMintDifferentIds() {
        MessageIds one = leased(1);
        MessageIds two = leased(2);
        Set<Long> minted = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            assertThat(minted.add(one.next())).isTrue();
            assertThat(minted.add(two.next())).isTrue();
        }
    }

    @Test
    void noIdIsMintedPastTheLeasesCeilingUntilARenewalRaisesIt() {
        MessageIds ids = new MessageIds(clock);
        long now = ids.nowMs();
        NodeLease lease = new NodeLease(5, "test", now, now + 10, TTL);
        ids.begin(lease, validFor(TTL));
        long before = ids.next();

        clock.advance(Duration.ofMillis(11));

        assertThat(ids.canMint()).isFalse();
        assertThatThrownBy(ids::next).isInstanceOf(MessageIdsUnavailableException.class).hasMessageContaining("ceiling");
        ids.extend(new NodeLease(5, "test", now, now + 10_000, TTL), validFor(TTL));
        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void noIdIsMintedOnceTheLeaseHasExpiredUntilItIsRenewed() {
        MessageIds ids = leased(5);
        NodeLease lease = new NodeLease(5, "test", ids.nowMs(), ids.nowMs() + TTL.toMillis(), TTL);

        ids.extend(lease, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(1));

        assertThat(ids.canMint()).isFalse();
        assertThatThrownBy(ids::next).isInstanceOf(MessageIdsUnavailableException.class).hasMessageContaining("expired");
        ids.extend(lease, validFor(TTL));
        assertThat(ids.canMint()).isTrue();
    }

    @Test
    void sealingStopsMintingAndTellsTheTimeOfTheLastIdSoTheNextHolderCanStartAboveIt() {
        MessageIds ids = leased(9);
        long floor = ids.nowMs();
        assertThat(ids.issuedUpToMs()).as("nothing minted yet").isEqualTo(floor - 1);
        clock.advance(Duration.ofMillis(25));
        long last = ids.next();

        long issuedUpTo = ids.seal();

        assertThat(issuedUpTo).isEqualTo(floor + 25);
        assertThat(MessageIds.timeOf(last)).isEqualTo(MessageIds.EPOCH.plusMillis(issuedUpTo));
        assertThatThrownBy(ids::next).isInstanceOf(MessageIdsUnavailableException.class);
        assertThat(new MessageIds(clock).canMint()).as("without a lease").isFalse();
    }
}
