package io.tavern.server.lobby;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Member;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is in a room, in the order they came, and who owns it. The owner is the longest present member:
 * when the owner goes, the next in line takes over, so a room never keeps an owner who left or died.
 * Part of a {@link Room}: touched only on the room's executor.
 */
final class RoomMembership {

    /** One member's entry: its name when it joined, and whether it is ready for the next game. */
    static final class Seat {
        final String user;
        final long joinedAtMs = System.currentTimeMillis();
        boolean ready;

        Seat(String user) {
            this.user = user;
        }
    }

    private final String roomName;
    private final LinkedHashMap<Session, Seat> seats = new LinkedHashMap<>();
    private Session owner;

    RoomMembership(String roomName) {
        this.roomName = roomName;
    }

    /** Seats {@code session}; it owns the room if it is the only member. */
    void add(Session session) {
        seats.put(session, new Seat(session.user()));
        if (owner == null) {
            owner = session;
        }
    }

    /**
     * Frees the seat of {@code session}; false if it had none. An owner who goes stays the owner until
     * {@link #handOn}, so that the room can tell its members who left before who took over.
     */
    boolean remove(Session session) {
        return seats.remove(session) != null;
    }

    /** If the owner is gone, the longest present member takes over; returns the new owner, or null if none. */
    Session handOn() {
        if (owner == null || seats.containsKey(owner)) {
            return null;
        }
        Iterator<Session> longestPresent = seats.keySet().iterator();
        owner = longestPresent.hasNext() ? longestPresent.next() : null;
        return owner;
    }

    /** Frees every seat; returns who held them. */
    List<Session> clear() {
        List<Session> all = new ArrayList<>(seats.keySet());
        seats.clear();
        owner = null;
        return all;
    }

    boolean contains(Session session) {
        return seats.containsKey(session);
    }

    int size() {
        return seats.size();
    }

    boolean isEmpty() {
        return seats.isEmpty();
    }

    Session owner() {
        return owner;
    }

    Collection<Session> sessions() {
        return seats.keySet();
    }

    Collection<Seat> seats() {
        return seats.values();
    }

    Seat require(Session session) {
        Seat seat = seats.get(session);
        if (seat == null) {
            throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "not a member of room '" + roomName + "'");
        }
        return seat;
    }

    void requireOwner(Session session) {
        require(session);
        if (session != owner) {
            throw new RequestRejected(ErrorCode.NOT_OWNER, "only the owner of '" + roomName + "' may do that");
        }
    }

    Optional<Session> named(String user) {
        return seats.entrySet().stream()
                .filter(e -> e.getValue().user.equalsIgnoreCase(user))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Whether the member named {@code user} is ready; false for one not (or no longer) here. */
    boolean isReady(String user) {
        return named(user).map(seats::get).map(seat -> seat.ready).orElse(false);
    }

    List<Member> list() {
        List<Member> list = new ArrayList<>(seats.size());
        seats.forEach((session, seat) -> list.add(Member.newBuilder()
                .setUser(seat.user)
                .setReady(seat.ready)
                .setOwner(session == owner)
                .setJoinedAtMs(seat.joinedAtMs)
                .build()));
        return list;
    }
}
