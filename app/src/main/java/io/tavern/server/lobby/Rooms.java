package io.tavern.server.lobby;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.chat.ChatAdmission;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.identity.LoginAttempts;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.Reply;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.logic.SessionLifecycleListener;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.session.PlayerState;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates rooms, finds them, and takes a player out of their room when the connection ends. Runs on
 * the calling session's executor; the rooms' own work runs on theirs.
 */
public final class Rooms implements SessionLifecycleListener {

    private final RoomDirectory directory;
    private final LogicExecutor logic;
    private final RoomContext context;
    private final Moderation moderation;
    private final RoomCreations creations;

    /**
     * @param creationsPerMinute  rooms a session may create per minute
     * @param creationsPerMinutePerAddress rooms the sessions of one address may create per minute
     */
    public Rooms(RoomDirectory directory, Lobby lobby, LogicExecutor logic, ChatRecorder chatRecorder,
                 ChatAdmission chatAdmission, MessageIds messageIds, Moderation moderation, RoomLimits limits, Duration emptyGrace,
                 int historyOnJoin, LoginAttempts passwordAttempts, int creationsPerMinute,
                 int creationsPerMinutePerAddress) {
        this.moderation = moderation;
        this.creations = new RoomCreations(creationsPerMinute, creationsPerMinutePerAddress);
        this.directory = directory;
        this.logic = logic;
        this.context = new RoomContext(lobby, directory, logic, chatRecorder, chatAdmission, messageIds, limits, emptyGrace,
                historyOnJoin, new RoomPasswordGate(passwordAttempts), new Seating(lobby));
    }

    public RoomDirectory directory() {
        return directory;
    }

    /**
     * Creates the room and admits its creator as owner, within the caps on rooms (see {@link RoomDirectory}
     * and {@link RoomCreations}): beyond them, {@code TOO_MANY_ROOMS}. Session executor only.
     */
    void create(Session creator, CreateRoom request, long requestId) {
        PlayerState player = creator.player();
        if (player.inOrNearRoom()) {
            throw new RequestRejected(ErrorCode.ALREADY_IN_ROOM, "leave your room before creating another");
        }
        RoomSettings settings = RoomSettings.of(request, context.limits());
        long wait = creations.reserve(creator);
        if (wait > 0) {
            throw new RequestRejected(ErrorCode.TOO_MANY_ROOMS, "too many rooms created lately; try again later", wait);
        }
        String id = UUID.randomUUID().toString();
        Room room = new Room(id, settings, logic.newSerialExecutor("room", id, 0), context);
        RoomDirectory.Registration registration = directory.register(room, creator.identity().key());
        if (registration != RoomDirectory.Registration.REGISTERED) {
            creations.giveBack(creator);
            throw switch (registration) {
                case NAME_TAKEN -> new RequestRejected(ErrorCode.ROOM_NAME_TAKEN,
                        "a room named '" + settings.name() + "' is open already");
                case SERVER_CAP -> new RequestRejected(ErrorCode.TOO_MANY_ROOMS,
                        "the server has as many rooms open as it allows; join one, or try again later");
                case PLAYER_CAP -> new RequestRejected(ErrorCode.TOO_MANY_ROOMS,
                        "you have as many rooms open as a player may; they close when empty");
                case REGISTERED -> new IllegalStateException();
            };
        }
        player.joining(room);
        room.admit(creator, null, Reply.to(creator, requestId), true);
    }

    /** Session executor only. */
    void join(Session player, String roomIdOrName, String password, long requestId) {
        if (player.player().inOrNearRoom()) {
            throw new RequestRejected(ErrorCode.ALREADY_IN_ROOM, "a player is in one room at a time; leave first");
        }
        if (moderation.activeBan(player).isPresent()) {
            throw new RequestRejected(ErrorCode.BANNED, "you are banned");
        }
        Room room = find(roomIdOrName);
        player.player().joining(room);
        room.admit(player, password, Reply.to(player, requestId), false);
    }

    /** Session executor only. */
    void leave(Session player, long requestId) {
        Room room = current(player);
        player.player().leaving(room);
        room.leave(player, Reply.to(player, requestId));
    }

    Room find(String roomIdOrName) {
        return directory.find(roomIdOrName)
                .orElseThrow(() -> new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "no open room '" + roomIdOrName + "'"));
    }

    /** The room {@code player} is in, and not leaving. Session executor only. */
    Room current(Session player) {
        PlayerState.Place place = player.player().place();
        if (place.phase() != PlayerState.Phase.IN_ROOM) {
            throw new RequestRejected(ErrorCode.NOT_IN_ROOM, place.phase() == PlayerState.Phase.LEAVING
                    ? "you are leaving your room" : "you are not in a room");
        }
        return place.room();
    }

    public Optional<Room> roomOf(Session player) {
        return Optional.ofNullable(player.player().room());
    }

    /** The session is {@code CLOSED} now: the room it was joining, in or leaving lets it go. */
    @Override
    public void sessionClosed(Session session) {
        PlayerState.Place place = session.player().place();
        if (place.room() != null) {
            place.room().drop(session);
        }
    }
}
