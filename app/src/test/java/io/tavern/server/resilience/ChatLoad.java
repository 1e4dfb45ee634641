package io.tavern.server.resilience;

import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.testing.GameClients;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;

/**
 * Players chatting in rooms as a real crowd does: each sends its next line once the previous one is
 * answered and a pace has passed, on its own connection's event loop. Keeps what the server acked
 * (room, text and when), and counts what it refused, by code.
 */
final class ChatLoad {

    /** A line the server acked: it owes it to the archive. */
    record Acked(String roomId, String text, long ackedAtNanos) {

        /** The line without the time, to compare with the archive. */
        Line line() {
            return new Line(roomId, text);
        }
    }

    record Line(String roomId, String text) {
    }

    /** One chatting player and the room it is in. */
    record Chatter(Player player, String roomId, AtomicInteger sequence) {
    }

    private final List<Chatter> chatters;
    private final Set<Acked> acked = ConcurrentHashMap.newKeySet();
    private final Map<ErrorCode, LongAdder> refused = new ConcurrentHashMap<>();
    private final LongAdder unanswered = new LongAdder();
    private volatile boolean running;
    private volatile Duration pace = Duration.ofMillis(100);

    private ChatLoad(List<Chatter> chatters) {
        this.chatters = chatters;
    }

    /** {@code rooms} rooms of {@code perRoom} guests each; the first of each room creates it. */
    static ChatLoad inRooms(GameClients clients, int rooms, int perRoom) throws Exception {
        List<Chatter> chatters = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            String roomId = null;
            for (int m = 0; m < perRoom; m++) {
                Player player = clients.guest("load");
                if (roomId == null) {
                    roomId = player.client().createRoom(CreateRoom.newBuilder()
                            .setName(GameClients.uniqueName("Load ")).setCapacity(perRoom).build())
                            .get(10, TimeUnit.SECONDS).getRoom().getId();
                } else {
                    player.client().joinRoom(roomId, null).get(10, TimeUnit.SECONDS);
                }
                chatters.add(new Chatter(player, roomId, new AtomicInteger()));
            }
        }
        return new ChatLoad(chatters);
    }

    /** Everyone starts chatting: a line, its answer, {@code pace}, the next line, until {@link #stop()}. */
    void start(Duration pace) {
        this.pace = pace;
        running = true;
        chatters.forEach(this::sendNext);
    }

    void stop() {
        running = false;
    }

    /** Stops, and waits until every line sent has been answered (or its connection has closed). */
    void stopAndAwaitAnswers(Duration timeout) {
        stop();
        Awaitility.await("answers to the last lines").atMost(timeout).until(() -> unanswered.sum() == 0);
    }

    private void sendNext(Chatter chatter) {
        if (!running || !chatter.player().client().isOpen()) {
            return;
        }
        String text = chatter.player().name() + " #" + chatter.sequence().incrementAndGet();
        unanswered.increment();
        chatter.player().client().sendChat(ChatScope.ROOM, null, text).whenComplete((reply, failure) -> {
            unanswered.decrement();
            if (failure != null) {
                return; // the connection closed: the line may or may not have been taken
            }
            if (reply.hasAck()) {
                acked.add(new Acked(chatter.roomId(), text, System.nanoTime()));
            } else if (reply.hasError()) {
                refused.computeIfAbsent(reply.getError().getCode(), code -> new LongAdder()).increment();
            }
            if (running) {
                chatter.player().client().eventLoop()
                        .schedule(() -> sendNext(chatter), pace.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    List<Chatter> chatters() {
        return chatters;
    }

    int ackedCount() {
        return acked.size();
    }

    /** The acked lines so far. */
    List<Acked> acked() {
        return new ArrayList<>(acked);
    }

    /** Refusals so far, by code. */
    Map<ErrorCode, Long> refused() {
        Map<ErrorCode, Long> counts = new ConcurrentHashMap<>();
        refused.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }
}
