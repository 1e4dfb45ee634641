package io.tavern.server.lobby;

import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomState;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.Session;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lobby's read side: the room list, who is online, and the room-list feed. Room listings page
 * over the feed's sorted, versioned {@link RoomListing}, so they never wait for a room's executor,
 * never sort, and carry the version a watcher's deltas are numbered in; the online players' list pages
 * likewise over the sorted, versioned {@link OnlineListing}.
 */
public final class LobbyQueryHandler implements RequestHandler {

    private final OnlineListing online;
    private final LobbyFeed feed;

    public LobbyQueryHandler(OnlineListing online, LobbyFeed feed) {
        this.online = online;
        this.feed = feed;
    }

    @Override
    public Set<Envelope.BodyCase> accepts() {
        return Set.of(Envelope.BodyCase.LIST_ROOMS, Envelope.BodyCase.LIST_ONLINE_USERS, Envelope.BodyCase.WATCH_LOBBY);
    }

    @Override
    public void handle(Session session, Envelope request) {
        long id = request.getRequestId();
        switch (request.getBodyCase()) {
            case LIST_ROOMS -> session.send(Envelope.newBuilder().setRequestId(id)
                    .setRoomList(listRooms(session, request.getListRooms())).build());
            case LIST_ONLINE_USERS -> session.send(Envelope.newBuilder().setRequestId(id)
                    .setOnlineUserList(listOnline(request.getListOnlineUsers())).build());
            case WATCH_LOBBY -> feed.watch(session, request.getWatchLobby(), id);
            default -> throw new IllegalArgumentException(request.getBodyCase().name());
        }
    }

    /**
     * A page of the current listing, or of the snapshot the session is paging through since its
     * WatchLobby. Reading the last page of that snapshot lets the server forget it.
     */
    RoomList listRooms(Session session, ListRooms request) {
        ListingKey after = after(request.getAfter());
        SortedSnapshot<RoomListing.Entry> snapshot;
        if (request.getSnapshotVersion() == 0) {
            snapshot = feed.listing();
        } else {
            snapshot = feed.heldSnapshot(session, request.getSnapshotVersion()).orElseThrow(() -> new RequestRejected(
                    ErrorCode.INVALID_STATE, "snapshot " + request.getSnapshotVersion()
                    + " is not held for this session; send WatchLobby{on: true, snapshot: true} again"));
        }
        RoomList page = RoomListPages.page(snapshot, filtered(request) ? roomFilter(request) : null, after,
                request.getPage(), RoomListPages.pageSize(request.getPageSize()));
        if (request.getSnapshotVersion() != 0 && page.getNext().isEmpty()) {
            feed.release(session, snapshot);
        }
        return page;
    }

    private static boolean filtered(ListRooms request) {
        return !request.getNameContains().isEmpty() || request.getState() != RoomState.ROOM_STATE_UNSPECIFIED
                || request.getFreeSlotOnly() || request.getMetadataCount() > 0;
    }

    private static Predicate<RoomListing.Entry> roomFilter(ListRooms filter) {
        String contains = filter.getNameContains().toLowerCase(Locale.ROOT);
        return entry -> (contains.isEmpty() || entry.name.contains(contains))
                && (filter.getState() == RoomState.ROOM_STATE_UNSPECIFIED || entry.room.getState() == filter.getState())
                && (!filter.getFreeSlotOnly() || entry.room.getMembers() < entry.room.getCapacity())
                && metadataMatches(entry.room.getMetadataMap(), filter.getMetadataMap());
    }

    private static boolean metadataMatches(Map<String, String> room, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(pair -> pair.getValue().equals(room.get(pair.getKey())));
    }

    /**
     * A page of who is online, from the {@link OnlineListing}: sorted at login, not per request. Only the page's
     * players are read (their room, now); a name filter is tested once per online player, to count the total.
     */
    OnlineUserList listOnline(ListOnlineUsers request) {
        String contains = request.getNameContains().toLowerCase(Locale.ROOT);
        SortedSnapshot.Page<OnlineListing.Entry> page = online.snapshot().page(
                contains.isEmpty() ? null : entry -> entry.name.contains(contains), after(request.getAfter()),
                request.getPage(), RoomListPages.pageSize(request.getPageSize()));
        OnlineUserList.Builder list = OnlineUserList.newBuilder().setTotal(page.total()).setPage(request.getPage())
                .setVersion(page.version()).setNext(page.next());
        for (OnlineListing.Entry entry : page.items()) {
            Session session = entry.session;
            Room room = session.player().room();
            list.addUsers(OnlineUser.newBuilder().setUser(session.user()).setGuest(session.isGuest())
                    .setRoom(room == null ? "" : room.name()));
        }
        return list.build();
    }

    /** Null for no cursor; refused when it is not one this server made. */
    private static ListingKey after(String cursor) {
        if (cursor.isEmpty()) {
            return null;
        }
        ListingKey after = ListingKey.parseCursor(cursor);
        if (after == null) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "after: not a next cursor of this list");
        }
        return after;
    }
}
