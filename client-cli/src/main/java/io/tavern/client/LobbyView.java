package io.tavern.client;

import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.LobbyEvent;
import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.WatchLobby;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A live copy of the server's room list: the snapshot that {@code WatchLobby{snapshot: true}} answers
 * with, kept current by the {@code LobbyEvent}s that follow it.
 *
 * <p>How nothing is missed: the view listens before it asks, so no event can arrive unseen; it
 * reads the whole snapshot (its first page comes with the reply, the rest with
 * {@code ListRooms{snapshot_version, after}}) while holding back the events that arrive meanwhile; then
 * it applies those whose version is past the snapshot's, in order. Every event names the version
 * before it ({@code previous_version}): an event that does not follow on from the view's version
 * means something went missing, and the view takes a new snapshot ({@link #resyncs()} counts them).
 * Once an event's version equals a {@code RoomList.version}, the view equals that listing.
 *
 * <p>Thread safety: events and replies are applied on the connection's event loop; the accessors
 * may be called from any thread.
 */
public final class LobbyView implements ClientListener {

    private static final Comparator<RoomSummary> LISTING_ORDER = Comparator
            .comparing((RoomSummary room) -> room.getName().toLowerCase(Locale.ROOT))
            .thenComparing(RoomSummary::getId);

    private final TavernClient client;
    private final int pageSize;
    private final CompletableFuture<LobbyView> ready = new CompletableFuture<>();

    // Guarded by this.
    private final Map<String, RoomSummary> rooms = new HashMap<>();
    private final List<LobbyEvent> heldBack = new ArrayList<>();
    private boolean loading = true;
    private long version;
    private int resyncs;

    private LobbyView(TavernClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /**
     * Starts watching the lobby. Completes once the snapshot is read and the view is current;
     * exceptionally if a request fails (the server refused, or the connection closed).
     *
     * @param pageSize rooms per snapshot page; 0 for the server's default (50), at most 200
     */
    public static CompletableFuture<LobbyView> watch(TavernClient client, int pageSize) {
        LobbyView view = new LobbyView(Objects.requireNonNull(client, "client"), pageSize);
        client.addListener(view);
        view.load();
        return view.ready;
    }

    public static CompletableFuture<LobbyView> watch(TavernClient client) {
        return watch(client, 0);
    }

    /** The lobby version the view is at: every change up to it is applied. */
    public synchronized long version() {
        return version;
    }

    /** The listed rooms, in the server's listing order (by name case-insensitively, then id). */
    public synchronized List<RoomSummary> rooms() {
        List<RoomSummary> sorted = new ArrayList<>(rooms.values());
        sorted.sort(LISTING_ORDER);
        return sorted;
    }

    /** Times the view found a gap in the versions and took a new snapshot. */
    public synchronized int resyncs() {
        return resyncs;
    }

    /** Stops the feed; the view keeps what it has and changes no more. */
    public CompletableFuture<Void> stop() {
        client.removeListener(this);
        return client.call(Envelope.newBuilder().setWatchLobby(WatchLobby.newBuilder().setOn(false)))
                .thenApply(reply -> null);
    }

    @Override
    public void onEvent(Envelope event) {
        if (!event.hasLobbyEvent()) {
            return;
        }
        boolean gap;
        synchronized (this) {
            if (loading) {
                heldBack.add(event.getLobbyEvent());
                return;
            }
            gap = !apply(event.getLobbyEvent());
        }
        if (gap) {
            resync();
        }
    }

    @Override
    public void onClosed(DisconnectInfo info) {
        ready.completeExceptionally(new ConnectionClosedException(info));
    }

    private void load() {
        client.call(Envelope.newBuilder().setWatchLobby(WatchLobby.newBuilder()
                        .setOn(true).setSnapshot(true).setPageSize(pageSize)))
                .thenCompose(reply -> {
                    if (!reply.hasRoomList()) {
                        throw new UnexpectedReplyException(Envelope.BodyCase.ROOM_LIST, reply);
                    }
                    List<RoomSummary> snapshot = new ArrayList<>(reply.getRoomList().getRoomsList());
                    return rest(reply.getRoomList(), snapshot);
                })
                .whenComplete((snapshot, failure) -> {
                    if (failure != null) {
                        ready.completeExceptionally(failure);
                    } else if (loaded(snapshot)) {
                        ready.complete(this);
                    } else {
                        resync();
                    }
                });
    }

    /** Reads the pages after {@code page} into {@code into}; completes with the whole snapshot. */
    private CompletableFuture<Snapshot> rest(RoomList page, List<RoomSummary> into) {
        if (page.getNext().isEmpty()) {
            return CompletableFuture.completedFuture(new Snapshot(page.getVersion(), into));
        }
        return client.listRooms(ListRooms.newBuilder().setSnapshotVersion(page.getVersion())
                        .setAfter(page.getNext()).setPageSize(pageSize).build())
                .thenCompose(next -> {
                    into.addAll(next.getRoomsList());
                    return rest(next, into);
                });
    }

    /** Takes the snapshot, then the events held back past it; false on a gap. */
    private synchronized boolean loaded(Snapshot snapshot) {
        rooms.clear();
        snapshot.rooms().forEach(room -> rooms.put(room.getId(), room));
        version = snapshot.version();
        loading = false;
        List<LobbyEvent> held = new ArrayList<>(heldBack);
        heldBack.clear();
        for (LobbyEvent event : held) {
            if (event.getVersion() > snapshot.version() && !apply(event)) {
                return false;
            }
        }
        return true;
    }

    /** Applies one event in the chain; false when it does not follow on from the view's version. */
    private boolean apply(LobbyEvent event) {
        if (event.getPreviousVersion() != version) {
            return false;
        }
        if (event.getType() == LobbyEventType.ROOM_REMOVED) {
            rooms.remove(event.getRoom().getId());
        } else {
            rooms.put(event.getRoom().getId(), event.getRoom());
        }
        version = event.getVersion();
        return true;
    }

    private void resync() {
        synchronized (this) {
            resyncs++;
            loading = true;
            heldBack.clear();
        }
        load();
    }

    private record Snapshot(long version, List<RoomSummary> rooms) {
    }
}
