package io.tavern.server.lobby;

import io.tavern.protocol.Envelopes;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.Member;
import io.tavern.protocol.v1.MemberList;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomEvent;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.UpdateRoom;
import io.tavern.server.chat.MessageIdsUnavailableException;
import io.tavern.server.chat.SystemMessages;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A room: its settings, members, game state and chat. An actor: every field below is touched only on
 * the room's own serial executor (each operation checks), so there are no locks, and the order in
 * which the executor runs operations is the one order every member sees.
 *
 * <p>Operations are called from a session's executor and run later here; their outcome travels back
 * to the session as a reply, plus a hop onto the session's executor where the player's
 * {@link Presence} must change. A summary of the room is republished after every change, so that
 * listings can be read from any thread without touching the room.
 */
public final class Room {

    private final String id;
    private final String name;
    private final SerialExecutor executor;
    private final RoomContext context;

    // Room executor only.
    private int capacity;
    private boolean isPrivate;
    private RoomPassword password;
    private Map<String, String> metadata;
    private int minPlayers;
    private RoomState state = RoomState.OPEN;
    private final LinkedHashMap<Session, MemberState> members = new LinkedHashMap<>();
    private Session owner;
    private final ArrayDeque<ChatMessage> recent = new ArrayDeque<>();
    private long emptyGeneration;
    private boolean listedInLobby;

    private volatile RoomSummary summary;

    Room(String id, RoomSettings settings, SerialExecutor executor, RoomContext context) {
        this.id = id;
        this.name = settings.name();
        this.executor = executor;
        this.context = context;
        this.capacity = settings.capacity();
        this.isPrivate = settings.isPrivate();
        this.password = settings.password();
        this.metadata = settings.metadata();
        this.minPlayers = settings.minPlayers();
        this.summary = buildSummary();
    }

    private static final class MemberState {
        final String user;
        final long joinedAtMs = System.currentTimeMillis();
        boolean ready;

        MemberState(String user) {
            this.user = user;
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The latest published summary; safe from any thread. */
    public RoomSummary summary() {
        return summary;
    }

    SerialExecutor executor() {
        return executor;
    }

    // ------------------------------------------------------------------ membership

    /**
     * Lets {@code session} in (as owner if the room is empty) and answers its request with the room's
     * details, then the recent history, so that it has the conversation before any live message.
     */
    void admit(Session session, String attempt, long requestId, boolean creating) {
        onRoom(session, requestId, () -> {
            if (state == RoomState.CLOSED) {
                throw new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "room '" + name + "' was closed");
            }
            if (state == RoomState.IN_GAME) {
                throw new RequestRejected(ErrorCode.ROOM_IN_GAME, "room '" + name + "' is playing");
            }
            if (members.size() >= capacity) {
                throw new RequestRejected(ErrorCode.ROOM_FULL, "room '" + name + "' is full (" + capacity + ")");
            }
            if (!creating && password != null) {
                context.passwordGate().check(id, name, password, session, attempt); // throttled like logins
            }
            members.put(session, new MemberState(session.user()));
            emptyGeneration++; // cancels a pending empty-room removal
            if (owner == null) {
                owner = session;
            }
            summary = buildSummary();
            context.lobby().leave(session);
            Presence presence = Presence.of(session);
            session.executor().execute(() -> presence.enteredRoom(this));
            session.send(Envelope.newBuilder().setRequestId(requestId).setRoomDetails(details()).build());
            recent.forEach(message -> session.send(Envelope.newBuilder().setChatMessage(message).build()));
            changed(RoomEventType.MEMBER_JOINED, session.user(), null, null, session);
        }, () -> session.executor().execute(() -> Presence.of(session).moving(false)));
    }

    /** The member leaves (request, or its connection closed): {@code requestId} 0 means no reply. */
    void leave(Session session, long requestId) {
        onRoom(session, requestId, () -> {
            if (!members.containsKey(session)) {
                throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "not in room '" + name + "'");
            }
            remove(session, RoomEventType.MEMBER_LEFT, null, null);
            if (requestId != 0) {
                session.ack(requestId);
            }
        }, null);
    }

    void kick(Session by, String user, String reason, long requestId) {
        onRoom(by, requestId, () -> {
            requireOwner(by);
            Session target = memberNamed(user)
                    .orElseThrow(() -> new RequestRejected(ErrorCode.USER_NOT_FOUND, "'" + user + "' is not in this room"));
            if (target == by) {
                throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "the owner cannot kick themself; leave instead");
            }
            target.send(Envelope.newBuilder().setKicked(Kicked.newBuilder()
                    .setScope(KickScope.FROM_ROOM).setRoomId(id).setRoomName(name)
                    .setBy(by.user()).setReason(reason)).build());
            remove(target, RoomEventType.MEMBER_KICKED, by.user(), reason);
            by.ack(requestId);
        }, null);
    }

    private void remove(Session session, RoomEventType why, String actor, String reason) {
        members.remove(session);
        Presence presence = Presence.of(session);
        if (session.isOpen()) {
            session.executor().execute(() -> {
                if (presence.leftRoom(this)) {
                    context.lobby().enter(session);
                }
            });
        }
        changed(why, session.user(), actor, reason, null);
        if (session == owner) {
            Iterator<Session> longestPresent = members.keySet().iterator();
            owner = longestPresent.hasNext() ? longestPresent.next() : null;
            if (owner != null) {
                changed(RoomEventType.OWNER_CHANGED, owner.user(), null, null, null);
            }
        }
        if (members.isEmpty()) {
            long generation = ++emptyGeneration;
            context.logic().schedule(executor, context.emptyGrace(), () -> removeIfStillEmpty(generation));
        }
    }

    private void removeIfStillEmpty(long generation) {
        executor.checkInExecutor();
        if (members.isEmpty() && generation == emptyGeneration && state != RoomState.CLOSED) {
            closeRoom();
        }
    }

    /** An operator closes the room: members are told and moved back to the lobby. */
    public void close(String reason) {
        executor.execute(() -> {
            executor.checkInExecutor();
            if (state == RoomState.CLOSED) {
                return;
            }
            Broadcast.send(event(RoomEventType.ROOM_CLOSED, null, null, reason), members.keySet());
            for (Session member : new ArrayList<>(members.keySet())) {
                members.remove(member);
                Presence presence = Presence.of(member);
                member.executor().execute(() -> {
                    if (presence.leftRoom(this)) {
                        context.lobby().enter(member);
                    }
                });
            }
            owner = null;
            closeRoom();
        });
    }

    private void closeRoom() {
        state = RoomState.CLOSED;
        context.directory().unregister(this);
        summary = buildSummary();
        if (listedInLobby) {
            context.lobby().roomChanged(LobbyEventType.ROOM_REMOVED, summary);
            listedInLobby = false;
        }
    }

    // ------------------------------------------------------------------ game

    void setReady(Session session, boolean ready, long requestId) {
        onRoom(session, requestId, () -> {
            MemberState member = requireMember(session);
            requireState(RoomState.OPEN, "ready flags change only while the room is open");
            if (member.ready != ready) {
                member.ready = ready;
                changed(RoomEventType.READY_CHANGED, session.user(), null, null, null);
            }
            session.ack(requestId);
        }, null);
    }

    void startGame(Session session, long requestId) {
        onRoom(session, requestId, () -> {
            requireOwner(session);
            requireState(RoomState.OPEN, "the game has already started");
            if (members.size() < minPlayers) {
                throw new RequestRejected(ErrorCode.NOT_ENOUGH_PLAYERS,
                        count(members.size(), "player") + "; at least " + minPlayers + (minPlayers == 1 ? " is" : " are") + " needed");
            }
            List<String> notReady = members.values().stream().filter(m -> !m.ready).map(m -> m.user).toList();
            if (!notReady.isEmpty()) {
                throw new RequestRejected(ErrorCode.NOT_ALL_READY, "not ready: " + String.join(", ", notReady));
            }
            state = RoomState.IN_GAME;
            changed(RoomEventType.GAME_STARTED, null, session.user(), null, null);
            session.ack(requestId);
        }, null);
    }

    void endGame(Session session, long requestId) {
        onRoom(session, requestId, () -> {
            requireOwner(session);
            requireState(RoomState.IN_GAME, "no game is running");
            state = RoomState.OPEN;
            members.values().forEach(m -> m.ready = false); // a new round needs everyone to ready up again
            changed(RoomEventType.GAME_ENDED, null, session.user(), null, null);
            session.ack(requestId);
        }, null);
    }

    void update(Session session, UpdateRoom update, long requestId) {
        onRoom(session, requestId, () -> {
            requireOwner(session);
            requireState(RoomState.OPEN, "settings change only while the room is open");
            int newCapacity = update.hasCapacity()
                    ? RoomSettings.capacity(update.getCapacity(), context.limits().maxCapacity()) : capacity;
            if (newCapacity < members.size()) {
                throw new RequestRejected(ErrorCode.INVALID_ARGUMENT,
                        "capacity " + newCapacity + " is below the " + count(members.size(), "member") + " present");
            }
            int newMinPlayers = update.hasMinPlayers()
                    ? RoomSettings.minPlayers(update.getMinPlayers(), newCapacity) : Math.min(minPlayers, newCapacity);
            Map<String, String> newMetadata = update.getReplaceMetadata()
                    ? RoomSettings.metadata(update.getMetadataMap()) : metadata;
            capacity = newCapacity;
            minPlayers = newMinPlayers;
            metadata = newMetadata;
            if (update.hasPrivate()) {
                isPrivate = update.getPrivate();
            }
            if (update.hasPassword()) {
                password = RoomPassword.of(update.getPassword());
            }
            changed(RoomEventType.SETTINGS_CHANGED, null, session.user(), null, null);
            session.ack(requestId);
        }, null);
    }

    // ------------------------------------------------------------------ chat and queries

    /** A member's accepted chat line: numbered, recorded, remembered for newcomers, delivered, acked. */
    void post(Session sender, String text, long requestId) {
        onRoom(sender, requestId, () -> {
            requireMember(sender);
            context.chatAdmission().admit(members.keySet()); // sheds load before the members' queues overflow
            ChatMessage message = ChatMessage.newBuilder()
                    .setId(mintId())
                    .setScope(ChatScope.ROOM)
                    .setRoomId(id)
                    .setRoomName(name)
                    .setFrom(sender.user())
                    .setText(text)
                    .setSentAtMs(System.currentTimeMillis())
                    .build();
            if (!context.chatRecorder().record(message)) {
                throw new RequestRejected(ErrorCode.SERVER_BUSY, "the chat archive is full; try again shortly");
            }
            deliver(message);
            sender.ack(requestId);
        }, null);
    }

    /** A system message from the operators to this room. */
    public void announce(String text) {
        executor.execute(() -> {
            executor.checkInExecutor();
            deliver(SystemMessages.stampAndRecord(ChatMessage.newBuilder().setScope(ChatScope.SYSTEM).setRoomId(id)
                    .setRoomName(name).setText(text), context.messageIds(), context.chatRecorder()));
        });
    }

    private long mintId() {
        try {
            return context.messageIds().next();
        } catch (MessageIdsUnavailableException unavailable) {
            throw new RequestRejected(ErrorCode.SERVER_BUSY, MessageIdsUnavailableException.CLIENT_MESSAGE);
        }
    }

    private void deliver(ChatMessage message) {
        recent.addLast(message);
        while (recent.size() > context.historyOnJoin()) {
            recent.removeFirst();
        }
        Broadcast.send(Envelope.newBuilder().setChatMessage(message).build(), members.keySet());
    }

    void sendDetails(Session requester, long requestId) {
        onRoom(requester, requestId, () -> {
            if (state == RoomState.CLOSED) {
                throw new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "room '" + name + "' was closed");
            }
            requester.send(Envelope.newBuilder().setRequestId(requestId).setRoomDetails(details()).build());
        }, null);
    }

    void sendMembers(Session requester, long requestId) {
        onRoom(requester, requestId, () -> {
            requireMember(requester);
            requester.send(Envelope.newBuilder().setRequestId(requestId).setMemberList(MemberList.newBuilder()
                    .setRoomId(id).addAllMembers(memberList())).build());
        }, null);
    }

    /** For operators: a consistent snapshot of the room, delivered on the room's executor. */
    public void inspect(java.util.function.Consumer<RoomDetails> consumer) {
        executor.execute(() -> {
            executor.checkInExecutor();
            consumer.accept(details());
        });
    }

    // ------------------------------------------------------------------ helpers (room executor only)

    /**
     * Runs {@code operation} on this room's executor; a {@link RequestRejected} becomes the
     * requester's error reply (after {@code onRejected}, which restores the requester's own state).
     */
    private void onRoom(Session requester, long requestId, Runnable operation, Runnable onRejected) {
        executor.execute(() -> {
            executor.checkInExecutor();
            try {
                operation.run();
            } catch (RequestRejected rejected) {
                if (onRejected != null) {
                    onRejected.run();
                }
                if (requestId != 0) {
                    requester.send(Envelopes.error(requestId, rejected.toError()));
                }
            }
        });
    }

    private MemberState requireMember(Session session) {
        MemberState member = members.get(session);
        if (member == null) {
            throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "not a member of room '" + name + "'");
        }
        return member;
    }

    private void requireOwner(Session session) {
        requireMember(session);
        if (session != owner) {
            throw new RequestRejected(ErrorCode.NOT_OWNER, "only the owner of '" + name + "' may do that");
        }
    }

    private void requireState(RoomState wanted, String message) {
        if (state != wanted) {
            throw new RequestRejected(state == RoomState.IN_GAME ? ErrorCode.ROOM_IN_GAME : ErrorCode.INVALID_STATE, message);
        }
    }

    private Optional<Session> memberNamed(String user) {
        return members.entrySet().stream()
                .filter(e -> e.getValue().user.equalsIgnoreCase(user))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Republishes the summary, tells the members (all but {@code except}) and the lobby's watchers. */
    private void changed(RoomEventType type, String user, String actor, String reason, Session except) {
        summary = buildSummary();
        Envelope event = event(type, user, actor, reason);
        Broadcast.send(event, except == null ? members.keySet()
                : members.keySet().stream().filter(s -> s != except).toList());
        publishToLobby();
    }

    private Envelope event(RoomEventType type, String user, String actor, String reason) {
        RoomEvent.Builder event = RoomEvent.newBuilder().setType(type).setRoomId(id).setRoomName(name).setRoom(summary);
        if (user != null) {
            event.setUser(user);
            MemberState member = memberNamed(user).map(members::get).orElse(null);
            event.setReady(member != null && member.ready);
        }
        if (actor != null) {
            event.setActor(actor);
        }
        if (reason != null) {
            event.setReason(reason);
        }
        return Envelope.newBuilder().setRoomEvent(event).build();
    }

    /** Announced rooms are the open, public ones; a room that turns private is removed from view. */
    void publishToLobby() {
        boolean listed = !isPrivate && state != RoomState.CLOSED;
        if (listed) {
            context.lobby().roomChanged(listedInLobby ? LobbyEventType.ROOM_UPDATED : LobbyEventType.ROOM_CREATED, summary);
        } else if (listedInLobby) {
            context.lobby().roomChanged(LobbyEventType.ROOM_REMOVED, summary);
        }
        listedInLobby = listed;
    }

    private RoomSummary buildSummary() {
        return RoomSummary.newBuilder()
                .setId(id)
                .setName(name)
                .setOwner(owner == null ? "" : Objects.requireNonNullElse(owner.user(), ""))
                .setMembers(members.size())
                .setCapacity(capacity)
                .setState(state)
                .setPrivate(isPrivate)
                .setHasPassword(password != null)
                .putAllMetadata(new TreeMap<>(metadata))
                .setMinPlayers(minPlayers)
                .build();
    }

    private RoomDetails details() {
        return RoomDetails.newBuilder().setRoom(summary).addAllMembers(memberList()).build();
    }

    private List<Member> memberList() {
        List<Member> list = new ArrayList<>(members.size());
        members.forEach((session, member) -> list.add(Member.newBuilder()
                .setUser(member.user)
                .setReady(member.ready)
                .setOwner(session == owner)
                .setJoinedAtMs(member.joinedAtMs)
                .build()));
        return list;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public String toString() {
        return "Room[" + id + " " + name + "]";
    }
}
