package io.tavern.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tavern.db.Database;
import io.tavern.db.node.DatabaseNodeLeases;
import io.tavern.db.testing.DatabaseKind;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.MutableClock;
import io.tavern.db.testing.PostgresTestServer;
import io.tavern.db.testing.TcpProxy;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.chat.MessageIdsUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;

/** The node id lease over a real database: what survives a restart, and what a database outage does. */
class NodeIdLeaseTest {

    private static final NodeProperties QUICK = new NodeProperties(Duration.ofSeconds(2), Duration.ofMillis(400),
            Duration.ofMillis(100));

    private static List<Long> mint(MessageIds ids, int count) {
        List<Long> minted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            minted.add(ids.next());
        }
        return minted;
    }

    @DatabaseTest
    void aRestartedNodeWhoseClockSteppedBackMintsAboveEveryIdItMintedBefore(FreshDatabase fresh) {
        Database database = fresh.open();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        MessageIds before = new MessageIds(clock);
        NodeIdLease first = new NodeIdLease(new DatabaseNodeLeases(database), before, QUICK);
        first.start();
        clock.advance(Duration.ofSeconds(20)); // ids minted well ahead of where the clock will be after the restart
        await().atMost(Duration.ofSeconds(10)).until(before::canMint); // once a renewal has raised the ceiling
        List<Long> earlier = mint(before, 5_000);
        first.close();

        clock.advance(Duration.ofHours(-1));
        MessageIds after = new MessageIds(clock);
        NodeIdLease second = new NodeIdLease(new DatabaseNodeLeases(database), after, QUICK);
        second.start();
        try {
            assertThat(second.nodeId()).as("the released node id is taken again").isEqualTo(MessageIds.nodeIdOf(earlier.get(0)));
            long latest = earlier.get(earlier.size() - 1);
            assertThat(mint(after, 5_000)).allSatisfy(id -> assertThat(id).isGreaterThan(latest));
        } finally {
            second.close();
        }
    }

    @DatabaseTest(DatabaseKind.POSTGRESQL)
    void throughADatabaseOutageIdsAreMintedUntilTheLeaseExpiresThenRefusedUntilTheDatabaseIsBack(FreshDatabase fresh)
            throws Exception {
        PostgresTestServer server = fresh.postgresServer();
        try (TcpProxy proxy = new TcpProxy(server.host(), server.port())) {
            Database database = fresh.open(config -> config
                    .withUrl(server.urlThrough(proxy.port(), fresh.postgresDatabaseName()), server.user(), server.password())
                    .withConnectionTimeout(Duration.ofMillis(500)));
            MessageIds ids = new MessageIds(java.time.Clock.systemUTC());
            NodeIdLease lease = new NodeIdLease(new DatabaseNodeLeases(database), ids, QUICK);
            lease.start();
            try {
                long beforeCut = ids.next();

                proxy.cut();
                long duringCut = ids.next(); // the lease is still good: chat goes on
                await().atMost(Duration.ofSeconds(10)).until(() -> !ids.canMint());
                Assertions.assertThatThrownBy(ids::next).isInstanceOf(MessageIdsUnavailableException.class);

                proxy.restore();
                await().atMost(Duration.ofSeconds(10)).until(ids::canMint);
                long afterRestore = ids.next();

                assertThat(duringCut).isGreaterThan(beforeCut);
                assertThat(afterRestore).isGreaterThan(duringCut);
                assertThat(MessageIds.nodeIdOf(afterRestore)).isEqualTo(MessageIds.nodeIdOf(beforeCut));
            } finally {
                lease.close();
            }
        }
    }
}
