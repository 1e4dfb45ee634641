package io.tavern.server.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Packets reach the logic tier on logic threads, one at a time and in order per session. */
class SessionDispatcherTest {

    private final LogicExecutor logic = new LogicExecutor(2, new LogicStats(new SimpleMeterRegistry()));
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<Long> order = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(100);

    @AfterEach
    void stop() {
        logic.shutdown(Duration.ofSeconds(2));
    }

    private final RequestHandler recorder = new RequestHandler() {
        @Override
        public Set<Envelope.BodyCase> accepts() {
            return Set.of(Envelope.BodyCase.LIST_ROOMS);
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Session session, Envelope request) {
            threads.add(Thread.currentThread().getName());
            order.add(request.getRequestId());
            done.countDown();
        }
    };

    @Test
    void requestsRunOnLogicThreadsNeverOnTheCallersAndInArrivalOrder() throws Exception {
        SessionDispatcher dispatcher = new SessionDispatcher(logic, new RequestRouter(List.of(recorder)), 1000,
                RequestBudgets.unlimited(), List.of(), new SessionRegistry());
        EmbeddedChannel channel = new EmbeddedChannel();
        Session session = new Session("s", channel, 1 << 20, Duration.ofSeconds(1), new SendStats());
        dispatcher.sessionOpened(session);

        Thread eventLoop = new Thread(() -> {
            for (long id = 1; id <= 100; id++) {
                dispatcher.dispatch(session, Envelope.newBuilder().setRequestId(id)
                        .setListRooms(ListRooms.getDefaultInstance()).build());
            }
        }, "tavern-io-test");
        eventLoop.start();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("tavern-logic-"));
        assertThat(order).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
        channel.finishAndReleaseAll();
    }

    @Test
    void aSerialExecutorsStateGuardRefusesOtherThreads() throws Exception {
        SerialExecutor room = logic.newSerialExecutor("room-1", 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(room::checkInExecutor)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside its serial executor");
        CountDownLatch checked = new CountDownLatch(1);
        room.execute(() -> {
            room.checkInExecutor();
            checked.countDown();
        });
        assertThat(checked.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
