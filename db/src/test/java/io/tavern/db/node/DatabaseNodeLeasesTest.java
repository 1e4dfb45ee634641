package io.tavern.db.node;

import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DatabaseNodeLeasesTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration SHORT_TTL = Duration.ofMillis(300);

    private static boolean expired(FreshDatabase fresh, int nodeId) {
        return fresh.direct().queryForObject("SELECT COUNT(*) FROM node_lease WHERE node_id = ? AND expires_at < CURRENT_TIMESTAMP",
                Integer.class, nodeId) == 1;
    }

    @DatabaseTest
    void nodesStartingAtOnceEachGetANodeIdOfTheirOwn(FreshDatabase fresh) throws Exception {
        NodeLeases leases = new DatabaseNodeLeases(fresh.open());
        List<CompletableFuture<NodeLease>> acquisitions = new ArrayList<>();
        for (int node = 0; node < 12; node++) {
            acquisitions.add(leases.acquire("node-" + node, 1_000, TTL));
        }
        List<Integer> ids = new ArrayList<>();
        for (CompletableFuture<NodeLease> acquisition : acquisitions) {
            ids.add(Await.result(acquisition).nodeId());
        }

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id >= 0 && id < 12);
    }

    @DatabaseTest
    void aReleasedNodeIdIsTakenAgainAboveTheLastIdItsHolderMintedEvenWithAClockThatSteppedBack(FreshDatabase fresh)
            throws Exception {
        NodeLeases leases = new DatabaseNodeLeases(fresh.open());
        NodeLease first = Await.result(leases.acquire("before-restart", 1_000_000, TTL));
        assertThat(first.floorMs()).isEqualTo(1_000_000);
        assertThat(first.ceilingMs()).isEqualTo(1_000_000 + TTL.toMillis());

        Await.result(leases.release(first, 1_005_000));
        // The restarted process's clock is an hour behind.
        NodeLease second = Await.result(leases.acquire("after-restart", 1_000_000 - 3_600_000, TTL));

        assertThat(second.nodeId()).isEqualTo(first.nodeId());
        assertThat(second.floorMs()).isEqualTo(1_005_001);
        assertThat(second.ceilingMs()).isEqualTo(1_005_001 + TTL.toMillis());
    }

    @DatabaseTest
    void aRenewalRaisesTheCeilingAheadOfWhatWasMintedAndTheClock(FreshDatabase fresh) throws Exception {
        NodeLeases leases = new DatabaseNodeLeases(fresh.open());
        NodeLease lease = Await.result(leases.acquire("node", 1_000, TTL));

        NodeLease byClock = Await.result(leases.renew(lease, 1_500, 20_000));
        NodeLease byIds = Await.result(leases.renew(byClock, 90_000, 20_500));
        NodeLease neverLower = Await.result(leases.renew(byIds, 1_000, 1_000));

        assertThat(byClock.ceilingMs()).isEqualTo(20_000 + TTL.toMillis());
        assertThat(byIds.ceilingMs()).isEqualTo(90_000 + TTL.toMillis());
        assertThat(neverLower.ceilingMs()).isEqualTo(byIds.ceilingMs());
        assertThat(fresh.direct().queryForObject("SELECT id_ceiling FROM node_lease WHERE node_id = ?", Long.class,
                lease.nodeId())).isEqualTo(byIds.ceilingMs());
    }

    @DatabaseTest
    void aHolderThatCrashedLeavesItsNodeIdToTheNextNodeOnceTheLeaseExpiresAboveItsRecordedCeiling(FreshDatabase fresh)
            throws Exception {
        NodeLeases leases = new DatabaseNodeLeases(fresh.open());
        NodeLease crashed = Await.result(leases.acquire("crashed", 5_000, SHORT_TTL));
        NodeLease renewed = Await.result(leases.renew(crashed, 7_000, 5_100));
        NodeLease neighbour = Await.result(leases.acquire("neighbour", 5_100, TTL));
        assertThat(neighbour.nodeId()).as("a held node id is not handed out").isNotEqualTo(crashed.nodeId());

        await().atMost(Duration.ofSeconds(10)).until(() -> expired(fresh, crashed.nodeId()));
        NodeLease successor = Await.result(leases.acquire("successor", 0, TTL));

        assertThat(successor.nodeId()).isEqualTo(crashed.nodeId());
        assertThat(successor.floorMs()).isEqualTo(renewed.ceilingMs() + 1);
    }

    @DatabaseTest
    void aRenewalAfterAnotherNodeTookTheExpiredLeaseFailsAsLost(FreshDatabase fresh) throws Exception {
        NodeLeases leases = new DatabaseNodeLeases(fresh.open());
        NodeLease late = Await.result(leases.acquire("late", 5_000, SHORT_TTL));
        await().atMost(Duration.ofSeconds(10)).until(() -> expired(fresh, late.nodeId()));
        NodeLease taker = Await.result(leases.acquire("taker", 5_000, TTL));
        assertThat(taker.nodeId()).isEqualTo(late.nodeId());

        assertThatThrownBy(() -> leases.renew(late, 5_200, 5_200).get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NodeLeaseLostException.class);
        Await.result(leases.release(late, 0));
        assertThat(fresh.direct().queryForObject("SELECT holder FROM node_lease WHERE node_id = ?", String.class,
                taker.nodeId())).as("a lost lease's release leaves the new holder alone").isEqualTo("taker");
    }

    @DatabaseTest
    void whenEveryNodeIdIsHeldNoneIsHandedOut(FreshDatabase fresh) {
        NodeLeases leases = new DatabaseNodeLeases(fresh.open());
        fresh.direct().update("INSERT INTO node_lease (node_id, holder, expires_at, id_ceiling, version) "
                + "SELECT x, 'someone', CURRENT_TIMESTAMP + INTERVAL '1' HOUR, 0, 0 FROM generate_series(0, 1023) AS t(x)");

        assertThat(leases.acquire("one too many", 0, TTL)).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(NoFreeNodeIdException.class);
    }
}
