package io.tavern.server.lobby;

import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.chat.ChatAdmission;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.identity.LoginAttempts;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.logic.SessionLifecycleListener;
import io.tavern.server.moderation.Moderation;
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

    public Rooms(RoomDirectory directory, Lobby lobby, LogicExecutor logic, ChatRecorder chatRecorder,
                 ChatAdmission chatAdmission, MessageIds messageIds, Moderation moderation, RoomLimits limits, Duration emptyGrace,
                 int historyOnJoin, LoginAttempts passwordAttempts) {
        this.moderation = moderation;
        this.directory = directory;
        this.logic = logic;
        this.context = new RoomContext(lobby, directory, logic, chatRecorder, chatAdmission, messageIds, limits, emptyGrace,
                historyOnJoin, new RoomPasswordGate(passwordAttempts));
    }

    public RoomDirectory directory() {
        return directory;
    }

    /** Creates the room and admits its creator as owner. Session executor only. */
    void create(Session creator, CreateRoom request, long requestId) {
        Presence presence = Presence.of(creator);
        if (presence.busy()) {
            throw new RequestRejected(ErrorCode.ALREADY_IN_ROOM, "leave your room before creating another");
        }
        RoomSettings settings = RoomSettings.of(request, context.limits());
        String id = UUID.randomUUID().toString();
        Room room = new Room(id, settings, logic.newSerialExecutor("room-" + id, 0), context);
        if (!directory.register(room)) {
            throw new RequestRejected(ErrorCode.ROOM_NAME_TAKEN, "a room named '" + settings.name() + "' is open already");
        }
        presence.moving(true);
        room.admit(creator, null, requestId, true);
    }

    /** Session executor only. */
    void join(Session player, String roomIdOrName, String password, long requestId) {
        Presence presence = Presence.of(player);
        if (presence.busy()) {
            throw new RequestRejected(ErrorCode.ALREADY_IN_ROOM, "a player is in one room at a time; leave first");
        }
        if (moderation.activeBan(player.user()).isPresent()) {
            throw new RequestRejected(ErrorCode.BANNED, "you are banned");
        }
        Room room = find(roomIdOrName);
        presence.moving(true);
        room.admit(player, password, requestId, false);
    }

    Room find(String roomIdOrName) {
        return directory.find(roomIdOrName)
                .orElseThrow(() -> new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "no open room '" + roomIdOrName + "'"));
    }

    /** The room {@code player} is in. Session executor only. */
    Room current(Session player) {
        Room room = Presence.of(player).room();
        if (room == null) {
            throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "you are not in a room");
        }
        return room;
    }

    public Optional<Room> roomOf(Session player) {
        return Optional.ofNullable(Presence.of(player).room());
    }

    @Override
    public void sessionClosed(Session session) {
        Room room = Presence.of(session).room();
        if (room != null) {
            room.leave(session, 0);
        }
    }
}
