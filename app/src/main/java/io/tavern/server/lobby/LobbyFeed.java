package io.tavern.server.lobby;

import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.LobbyEvent;
import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.WatchLobby;
import io.tavern.server.lobby.RoomListing.Batch;
import io.tavern.server.lobby.RoomListing.Change;
import io.tavern.server.lobby.RoomListing.Entry;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The room-list feed: the sessions watching the lobby, and the deltas they get. An actor on its own
 * serial executor, apart from lobby chat.
 *
 * <p>Rooms announce their changes into the {@link RoomListing}; the feed sends what piled up at
 * most once per {@code interval}, in one batch per watcher: one event per changed room carrying its
 * latest state (a room updated a thousand times between two batches costs its watchers one event).
 * A quiet lobby sends its next change at once; the interval is the least time between two batches.
 *
 * <p>Versions make the feed lossless. A watcher starts at the version of its snapshot (taken here,
 * on the feed's executor, so no batch can fall between the two), gets only the changes after it,
 * in ascending version, each naming the version before it ({@code previous_version}), and ends every
 * batch at the listing's version when the batch was taken: then its view equals a listing at that
 * version. Watchers at the same version get the same frames, encoded once.
 */
public final class LobbyFeed {

    private final RoomListing listing = new RoomListing();
    private final SerialExecutor executor;
    private final LogicExecutor logic;
    private final long intervalNanos;
    private final AtomicBoolean batchScheduled = new AtomicBoolean();
    private volatile long lastBatchNanos;

    // Executor only: each watcher's version, the one its view is at once it applied what it was sent.
    private final Map<Session, Watcher> watchers = new LinkedHashMap<>();
    // The snapshot each watcher is still paging through; read by ListRooms on the session's executor.
    private final Map<Session, SortedSnapshot<Entry>> held = new ConcurrentHashMap<>();

    public LobbyFeed(SerialExecutor executor, LogicExecutor logic, Duration interval) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.logic = Objects.requireNonNull(logic, "logic");
        this.intervalNanos = interval.toNanos();
        this.lastBatchNanos = System.nanoTime() - intervalNanos;
    }

    /** The listing as it is now; safe from any thread. */
    SortedSnapshot<Entry> listing() {
        return listing.snapshot();
    }

    /** A listed room changed (rooms call this on their own executors). */
    void roomChanged(LobbyEventType type, RoomSummary room) {
        if (listing.apply(type, room) && batchScheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastBatchNanos + intervalNanos - System.nanoTime());
            try {
                logic.schedule(executor, Duration.ofNanos(wait), this::sendBatch);
            } catch (RejectedExecutionException stopping) {
                batchScheduled.set(false); // only while the server stops: there is no one left to tell
            }
        }
    }

    /**
     * Starts, restarts or stops the feed for {@code session}. With {@code snapshot}, the reply is the
     * first page of the listing the deltas start from (and the session may page through the rest of
     * it); without, an Ack, and the deltas start from the listing's current version.
     */
    void watch(Session session, WatchLobby request, long requestId) {
        executor.execute(() -> {
            executor.checkInExecutor();
            held.remove(session);
            if (!request.getOn() || !session.isOpen()) {
                watchers.remove(session);
                session.ack(requestId);
                return;
            }
            SortedSnapshot<Entry> snapshot = listing.snapshot();
            watchers.computeIfAbsent(session, s -> new Watcher()).version = snapshot.version;
            if (!request.getSnapshot()) {
                session.ack(requestId);
                return;
            }
            var first = RoomListPages.page(snapshot, null, null, 0, RoomListPages.pageSize(request.getPageSize()));
            if (!first.getNext().isEmpty()) {
                held.put(session, snapshot);
            }
            session.send(Envelope.newBuilder().setRequestId(requestId).setRoomList(first).build());
        });
    }

    /** The snapshot {@code session} was answered with at {@code version}, while it pages through it. */
    Optional<SortedSnapshot<Entry>> heldSnapshot(Session session, long version) {
        SortedSnapshot<Entry> snapshot = held.get(session);
        return snapshot != null && snapshot.version == version ? Optional.of(snapshot) : Optional.empty();
    }

    /** The session read the last page of its snapshot. */
    void release(Session session, SortedSnapshot<Entry> snapshot) {
        held.remove(session, snapshot);
    }

    /** After any WatchLobby of the session: the session's own executor queued that one first. */
    void sessionClosed(Session session) {
        executor.execute(() -> {
            executor.checkInExecutor();
            watchers.remove(session);
            held.remove(session);
        });
    }

    private void sendBatch() {
        executor.checkInExecutor();
        lastBatchNanos = System.nanoTime();
        batchScheduled.set(false); // a change from now on schedules the next batch
        Batch batch = listing.drain();
        if (batch.changes().isEmpty() || watchers.isEmpty()) {
            return;
        }
        Map<Long, List<Session>> byVersion = new LinkedHashMap<>();
        watchers.forEach((session, watcher) -> {
            byVersion.computeIfAbsent(watcher.version, v -> new ArrayList<>()).add(session);
            watcher.version = batch.version();
        });
        byVersion.forEach((version, sessions) -> send(batch, version, sessions));
    }

    /** The changes after {@code version}, to watchers that are all at it. */
    private static void send(Batch batch, long version, List<Session> sessions) {
        long previous = version;
        for (Change change : batch.changes()) {
            if (change.version() <= previous) {
                continue; // already in the snapshot these watchers started from
            }
            Broadcast.send(Envelope.newBuilder().setLobbyEvent(LobbyEvent.newBuilder()
                    .setType(change.typeFor(version))
                    .setRoom(change.room())
                    .setVersion(change.version())
                    .setPreviousVersion(previous)).build(), sessions);
            previous = change.version();
        }
    }

    private static final class Watcher {
        long version;
    }
}
