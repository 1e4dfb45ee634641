package io.tavern.server.lobby;

import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.LobbyEventType;
import io.tavern.protocol.v1.MemberList;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomEvent;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.UpdateRoom;
import io.tavern.server.logic.Reply;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.logic.SerialExecutor;
import io.tavern.server.session.Broadcast;
import io.tavern.server.session.PlayerState;
import io.tavern.server.session.Session;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room, as an actor: every operation runs on the room's own serial executor (each checks), so there
 * are no locks, and the order in which the executor runs operations is the one order every member sees.
 * The room itself only sequences; its state lives in three collaborators it alone touches:
 * {@link RoomMembership} (who is in, who owns it), {@link RoomGame} (the game's state and rules) and
 * {@link RoomChat} (numbering, recording and delivering lines), plus the settings below.
 *
 * <p>Operations are called from a session's executor and run later here; their outcome travels back
 * to the session as its {@link Reply}, plus a hop onto the session's executor where the player's
 * {@link PlayerState} must change ({@link Seating}). A summary of the room is republished after every
 * change, so that listings can be read from any thread without touching the room.
 */
public final class Room {

    private static final Logger log = LoggerFactory.getLogger(Room.class);

    private final String id;
    private final String name;
    private final SerialExecutor executor;
    private final RoomContext context;

    // Room executor only.
    private final RoomMembership members;
    private final RoomGame game;
    private final RoomChat chat;
    private int capacity;
    private boolean isPrivate;
    private RoomPassword password;
    private Map<String, String> metadata;
    private long emptyGeneration;
    private boolean emptyCheckScheduled;
    private boolean listedInLobby;

    private volatile RoomSummary summary;

    Room(String id, RoomSettings settings, SerialExecutor executor, RoomContext context) {
        this.id = id;
        this.name = settings.name();
        this.executor = executor;
        this.context = context;
        this.members = new RoomMembership(name);
        this.game = new RoomGame(name, members, settings.minPlayers());
        this.chat = new RoomChat(id, name, context);
        this.capacity = settings.capacity();
        this.isPrivate = settings.isPrivate();
        this.password = settings.password();
        this.metadata = settings.metadata();
        this.summary = buildSummary();
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
    void admit(Session session, String attempt, Reply reply, boolean creating) {
        onRoom(reply, () -> {
            if (session.player().phase() == PlayerState.Phase.CLOSED) {
                return; // closed before it got in: nobody to answer, and its close lets go of nothing here
            }
            game.requireJoinable();
            if (members.size() >= capacity) {
                throw new RequestRejected(ErrorCode.ROOM_FULL, "room '" + name + "' is full (" + capacity + ")");
            }
            if (!creating && password != null) {
                context.passwordGate().check(id, name, password, session, attempt); // throttled like logins
            }
            members.add(session);
            emptyGeneration++; // cancels a pending empty-room removal
            emptyCheckScheduled = false;
            summary = buildSummary();
            context.lobby().leave(session);
            context.seating().admitted(session, this);
            changed(RoomEventType.MEMBER_JOINED, session.user(), null, null, session); // listed before the reply
            reply.send(Envelope.newBuilder().setRoomDetails(details()));
            chat.replayTo(session);
        }, () -> {
            if (members.contains(session)) { // failed half-way in: no seat is kept for an answer never given
                remove(session, RoomEventType.MEMBER_LEFT, null, null);
            }
            context.seating().refused(session, this);
        });
    }

    /** The member asked to leave. */
    void leave(Session session, Reply reply) {
        onRoom(reply, () -> {
            if (!members.contains(session)) {
                throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "not in room '" + name + "'");
            }
            remove(session, RoomEventType.MEMBER_LEFT, null, null);
            reply.ack();
        }, () -> context.seating().removed(session, this)); // not (or no longer) a member: it is not leaving
    }

    /**
     * The session closed while joining, in or leaving this room: it goes if it is here. Runs after any
     * admit the session asked for, since the session's executor sent both, in that order.
     */
    void drop(Session session) {
        onRoom(Reply.to(session, 0), () -> {
            if (members.contains(session)) {
                remove(session, RoomEventType.MEMBER_LEFT, null, null);
            }
        }, null);
    }

    void kick(Session by, String user, String reason, Reply reply) {
        onRoom(reply, () -> {
            members.requireOwner(by);
            Session target = members.named(user)
                    .orElseThrow(() -> new RequestRejected(ErrorCode.USER_NOT_FOUND, "'" + user + "' is not in this room"));
            if (target == by) {
                throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "the owner cannot kick themself; leave instead");
            }
            target.send(Envelope.newBuilder().setKicked(Kicked.newBuilder()
                    .setScope(KickScope.FROM_ROOM).setRoomId(id).setRoomName(name)
                    .setBy(by.user()).setReason(reason)).build());
            remove(target, RoomEventType.MEMBER_KICKED, by.user(), reason);
            reply.ack();
        }, null);
    }

    private void remove(Session session, RoomEventType why, String actor, String reason) {
        members.remove(session);
        context.seating().removed(session, this);
        changed(why, session.user(), actor, reason, null);
        Session heir = members.handOn();
        if (heir != null) {
            changed(RoomEventType.OWNER_CHANGED, heir.user(), null, null, null);
        }
    }

    /** An empty room closes after the grace, unless someone joins meanwhile; checked after every operation. */
    private void closeLaterIfEmpty() {
        if (members.isEmpty() && !emptyCheckScheduled && !game.isClosed()) {
            emptyCheckScheduled = true;
            long generation = ++emptyGeneration;
            context.logic().schedule(executor, context.emptyGrace(), () -> removeIfStillEmpty(generation));
        }
    }

    private void removeIfStillEmpty(long generation) {
        executor.checkInExecutor();
        if (members.isEmpty() && generation == emptyGeneration && !game.isClosed()) {
            closeRoom();
        }
    }

    /** An operator closes the room: members are told and moved back to the lobby. */
    public void close(String reason) {
        executor.execute(() -> {
            executor.checkInExecutor();
            if (game.isClosed()) {
                return;
            }
            Broadcast.send(event(RoomEventType.ROOM_CLOSED, null, null, reason), members.sessions());
            for (Session member : members.clear()) {
                context.seating().removed(member, this);
            }
            closeRoom();
        });
    }

    private void closeRoom() {
        game.close();
        context.directory().unregister(this);
        summary = buildSummary();
        if (listedInLobby) {
            context.lobby().roomChanged(LobbyEventType.ROOM_REMOVED, summary);
            listedInLobby = false;
        }
    }

    // ------------------------------------------------------------------ game

    void setReady(Session session, boolean ready, Reply reply) {
        onRoom(reply, () -> {
            if (game.ready(members.require(session), ready)) {
                changed(RoomEventType.READY_CHANGED, session.user(), null, null, null);
            }
            reply.ack();
        }, null);
    }

    void startGame(Session session, Reply reply) {
        onRoom(reply, () -> {
            members.requireOwner(session);
            game.start();
            changed(RoomEventType.GAME_STARTED, null, session.user(), null, null);
            reply.ack();
        }, null);
    }

    void endGame(Session session, Reply reply) {
        onRoom(reply, () -> {
            members.requireOwner(session);
            game.end();
            changed(RoomEventType.GAME_ENDED, null, session.user(), null, null);
            reply.ack();
        }, null);
    }

    void update(Session session, UpdateRoom update, Reply reply) {
        onRoom(reply, () -> {
            members.requireOwner(session);
            game.requireOpen("settings change only while the room is open");
            int newCapacity = update.hasCapacity()
                    ? RoomSettings.capacity(update.getCapacity(), context.limits().maxCapacity()) : capacity;
            if (newCapacity < members.size()) {
                throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "capacity " + newCapacity + " is below the "
                        + RoomGame.count(members.size(), "member") + " present");
            }
            int newMinPlayers = update.hasMinPlayers()
                    ? RoomSettings.minPlayers(update.getMinPlayers(), newCapacity) : Math.min(game.minPlayers(), newCapacity);
            Map<String, String> newMetadata = update.getReplaceMetadata()
                    ? RoomSettings.metadata(update.getMetadataMap()) : metadata;
            capacity = newCapacity;
            game.minPlayers(newMinPlayers);
            metadata = newMetadata;
            if (update.hasPrivate()) {
                isPrivate = update.getPrivate();
            }
            if (update.hasPassword()) {
                password = RoomPassword.of(update.getPassword());
            }
            changed(RoomEventType.SETTINGS_CHANGED, null, session.user(), null, null);
            reply.ack();
        }, null);
    }

    // ------------------------------------------------------------------ chat and queries

    /** A member's accepted chat line: numbered, recorded, remembered for newcomers, delivered, acked. */
    void post(Session sender, String text, Reply reply) {
        onRoom(reply, () -> {
            members.require(sender);
            chat.post(sender, text, members.sessions());
            reply.ack();
        }, null);
    }

    /** A system message from the operators to this room. */
    public void announce(String text) {
        executor.execute(() -> {
            executor.checkInExecutor();
            chat.announce(text, members.sessions());
        });
    }

    void sendDetails(Reply reply) {
        onRoom(reply, () -> {
            if (game.isClosed()) {
                throw new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "room '" + name + "' was closed");
            }
            reply.send(Envelope.newBuilder().setRoomDetails(details()));
        }, null);
    }

    void sendMembers(Session requester, Reply reply) {
        onRoom(reply, () -> {
            members.require(requester);
            reply.send(Envelope.newBuilder().setMemberList(MemberList.newBuilder()
                    .setRoomId(id).addAllMembers(members.list())));
        }, null);
    }

    /** For operators: a consistent snapshot of the room, delivered on the room's executor. */
    public void inspect(Consumer<RoomDetails> consumer) {
        executor.execute(() -> {
            executor.checkInExecutor();
            consumer.accept(details());
        });
    }

    // ------------------------------------------------------------------ helpers (room executor only)

    /**
     * Runs {@code operation} on this room's executor, and makes sure its request is answered once: a
     * {@link RequestRejected} becomes the error reply, any other exception {@code INTERNAL} with a
     * reference (unless the operation answered before it failed). Either way {@code recover}, if any,
     * first puts the requester's own state back.
     */
    private void onRoom(Reply reply, Runnable operation, Runnable recover) {
        executor.execute(() -> {
            executor.checkInExecutor();
            try {
                operation.run();
            } catch (RequestRejected rejected) {
                recover(recover);
                reply.reject(rejected);
            } catch (RuntimeException unexpected) {
                recover(recover);
                reply.failed("an operation of " + this, unexpected);
            }
            closeLaterIfEmpty();
        });
    }

    private void recover(Runnable recover) {
        if (recover == null) {
            return;
        }
        try {
            recover.run();
        } catch (RuntimeException failed) {
            log.error("{} could not restore a requester's state after a failure", this, failed);
        }
    }

    /** Republishes the summary, tells the members (all but {@code except}) and the lobby's watchers. */
    private void changed(RoomEventType type, String user, String actor, String reason, Session except) {
        summary = buildSummary();
        Envelope event = event(type, user, actor, reason);
        Broadcast.send(event, except == null ? members.sessions()
                : members.sessions().stream().filter(s -> s != except).toList());
        publishToLobby();
    }

    private Envelope event(RoomEventType type, String user, String actor, String reason) {
        RoomEvent.Builder event = RoomEvent.newBuilder().setType(type).setRoomId(id).setRoomName(name).setRoom(summary);
        if (user != null) {
            event.setUser(user);
            event.setReady(members.isReady(user));
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
        boolean listed = !isPrivate && !game.isClosed();
        if (listed) {
            context.lobby().roomChanged(listedInLobby ? LobbyEventType.ROOM_UPDATED : LobbyEventType.ROOM_CREATED, summary);
        } else if (listedInLobby) {
            context.lobby().roomChanged(LobbyEventType.ROOM_REMOVED, summary);
        }
        listedInLobby = listed;
    }

    private RoomSummary buildSummary() {
        Session owner = members.owner();
        return RoomSummary.newBuilder()
                .setId(id)
                .setName(name)
                .setOwner(owner == null ? "" : Objects.requireNonNullElse(owner.user(), ""))
                .setMembers(members.size())
                .setCapacity(capacity)
                .setState(game.state())
                .setPrivate(isPrivate)
                .setHasPassword(password != null)
                .putAllMetadata(new TreeMap<>(metadata))
                .setMinPlayers(game.minPlayers())
                .build();
    }

    private RoomDetails details() {
        return RoomDetails.newBuilder().setRoom(summary).addAllMembers(members.list()).build();
    }

    @Override
    public String toString() {
        return "Room[" + id + " " + name + "]";
    }
}
