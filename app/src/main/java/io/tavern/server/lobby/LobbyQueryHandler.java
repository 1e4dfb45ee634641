package io.tavern.server.lobby;

import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lobby's read side: the room list, who is online, and the room-list feed. Listings read the
 * summaries rooms publish, so they never wait for a room's executor.
 */
public final class LobbyQueryHandler implements RequestHandler {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final RoomDirectory directory;
    private final SessionRegistry registry;
    private final Lobby lobby;

    public LobbyQueryHandler(RoomDirectory directory, SessionRegistry registry, Lobby lobby) {
        this.directory = directory;
        this.registry = registry;
        this.lobby = lobby;
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
                    .setRoomList(listRooms(request.getListRooms())).build());
            case LIST_ONLINE_USERS -> session.send(Envelope.newBuilder().setRequestId(id)
                    .setOnlineUserList(listOnline(request.getListOnlineUsers())).build());
            case WATCH_LOBBY -> lobby.watch(session, request.getWatchLobby().getOn(), id);
            default -> throw new IllegalArgumentException(request.getBodyCase().name());
        }
    }

    RoomList listRooms(ListRooms filter) {
        List<RoomSummary> matching = directory.rooms().stream()
                .map(Room::summary)
                .filter(roomFilter(filter))
                .sorted(Comparator.comparing((RoomSummary r) -> r.getName().toLowerCase(Locale.ROOT)))
                .toList();
        int size = pageSize(filter.getPageSize());
        return RoomList.newBuilder()
                .addAllRooms(page(matching, filter.getPage(), size))
                .setTotal(matching.size())
                .setPage(filter.getPage())
                .build();
    }

    private static Predicate<RoomSummary> roomFilter(ListRooms filter) {
        String contains = filter.getNameContains().toLowerCase(Locale.ROOT);
        return room -> !room.getPrivate()
                && room.getState() != RoomState.CLOSED
                && (contains.isEmpty() || room.getName().toLowerCase(Locale.ROOT).contains(contains))
                && (filter.getState() == RoomState.ROOM_STATE_UNSPECIFIED || room.getState() == filter.getState())
                && (!filter.getFreeSlotOnly() || room.getMembers() < room.getCapacity())
                && metadataMatches(room.getMetadataMap(), filter.getMetadataMap());
    }

    private static boolean metadataMatches(Map<String, String> room, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(pair -> pair.getValue().equals(room.get(pair.getKey())));
    }

    OnlineUserList listOnline(ListOnlineUsers filter) {
        String contains = filter.getNameContains().toLowerCase(Locale.ROOT);
        List<OnlineUser> matching = registry.loggedIn().stream()
                .filter(s -> s.user() != null && (contains.isEmpty() || s.user().toLowerCase(Locale.ROOT).contains(contains)))
                .map(s -> {
                    Room room = s.player().room();
                    return OnlineUser.newBuilder().setUser(s.user()).setGuest(s.isGuest())
                            .setRoom(room == null ? "" : room.name()).build();
                })
                .sorted(Comparator.comparing((OnlineUser u) -> u.getUser().toLowerCase(Locale.ROOT)))
                .toList();
        int size = pageSize(filter.getPageSize());
        return OnlineUserList.newBuilder()
                .addAllUsers(page(matching, filter.getPage(), size))
                .setTotal(matching.size())
                .setPage(filter.getPage())
                .build();
    }

    /** {@code page_size} is a uint32: read as unsigned, or 2^31 and above would be negative sizes. */
    private static int pageSize(int requested) {
        return requested == 0 ? DEFAULT_PAGE_SIZE : (int) Math.min(Integer.toUnsignedLong(requested), MAX_PAGE_SIZE);
    }

    /** {@code page} is a uint32 too: a negative int here would be a negative offset into the list. */
    private static <T> List<T> page(List<T> all, int page, int size) {
        long from = Integer.toUnsignedLong(page) * size;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }
}
