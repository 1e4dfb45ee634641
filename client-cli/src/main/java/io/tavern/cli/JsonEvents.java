package io.tavern.cli;

import io.tavern.client.DisconnectInfo;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.LobbyEvent;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.Member;
import io.tavern.protocol.v1.MemberList;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomEvent;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.Welcome;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CLI's output model: one JSON object per thing worth telling, with a {@code "type"} field.
 * The JSON mode prints these objects as they are, the human mode renders them, and the scripted
 * {@code /wait} matches on their type, so both modes always report the same things.
 *
 * <p>The types and fields below are a contract that scripts and tests rely on: fields may be
 * added, never renamed or removed.
 */
public final class JsonEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonEvents() {
    }

    public static ObjectNode typed(String type) {
        return NODES.objectNode().put("type", type);
    }

    public static ObjectNode welcome(Welcome welcome) {
        return typed("welcome")
                .put("session", welcome.getSessionId())
                .put("server", welcome.getServerVersion())
                .put("heartbeatMs", welcome.getHeartbeatIntervalMs());
    }

    public static ObjectNode login(LoginOk ok) {
        return typed("login").put("user", ok.getUser()).put("guest", ok.getGuest());
    }

    public static ObjectNode chat(ChatMessage message) {
        return chatFields(typed("chat"), message);
    }

    private static ObjectNode chatFields(ObjectNode node, ChatMessage message) {
        node.put("scope", scope(message.getScope()));
        putNullable(node, "room", message.getRoomName());
        node.put("from", message.getFrom());
        if (message.getScope() == ChatScope.WHISPER) {
            node.put("to", message.getTo());
        }
        return node.put("text", message.getText())
                .put("id", message.getId())
                .put("sentAt", Instant.ofEpochMilli(message.getSentAtMs()).toString());
    }

    /** A page of history, oldest first (the server sends newest first). */
    public static ObjectNode history(String scope, String room, List<ChatMessage> newestFirst) {
        ObjectNode node = typed("history").put("scope", scope);
        putNullable(node, "room", room);
        ArrayNode messages = node.putArray("messages");
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            messages.add(chatFields(NODES.objectNode(), newestFirst.get(i)));
        }
        return node;
    }

    public static ObjectNode joined(RoomDetails details, boolean created) {
        ObjectNode node = typed("joined")
                .put("room", details.getRoom().getName())
                .put("id", details.getRoom().getId())
                .put("created", created)
                .put("owner", details.getRoom().getOwner())
                .put("capacity", details.getRoom().getCapacity());
        ArrayNode members = node.putArray("members");
        details.getMembersList().forEach(m -> members.add(member(m)));
        return node;
    }

    /**
     * Out of a room: {@code reason} says how ("left", "kicked", "closed"); {@code by} who did it and
     * {@code because} the words they gave, when they did.
     */
    public static ObjectNode left(String room, String reason, String by, String because) {
        ObjectNode node = typed("left");
        putNullable(node, "room", room);
        node.put("reason", reason);
        putIfGiven(node, "by", by);
        putIfGiven(node, "because", because);
        return node;
    }

    /** A room event about a member, or null when the event is about the game or the room. */
    public static ObjectNode roomEvent(RoomEvent event) {
        String memberEvent = switch (event.getType()) {
            case MEMBER_JOINED -> "joined";
            case MEMBER_LEFT -> "left";
            case MEMBER_KICKED -> "kicked";
            case READY_CHANGED -> event.getReady() ? "ready" : "unready";
            case OWNER_CHANGED -> "owner";
            default -> null;
        };
        if (memberEvent != null) {
            ObjectNode node = typed("member")
                    .put("room", event.getRoomName())
                    .put("user", event.getUser())
                    .put("event", memberEvent);
            putIfGiven(node, "by", event.getActor());
            putIfGiven(node, "because", event.getReason());
            return node;
        }
        return switch (event.getType()) {
            case GAME_STARTED -> typed("game").put("room", event.getRoomName()).put("event", "started");
            case GAME_ENDED -> typed("game").put("room", event.getRoomName()).put("event", "ended");
            case ROOM_CLOSED -> left(event.getRoomName(), "closed", event.getActor(), event.getReason());
            default -> typed("room").put("room", event.getRoomName())
                    .put("event", event.getType().name().toLowerCase(Locale.ROOT));
        };
    }

    public static ObjectNode kicked(Kicked kicked) {
        ObjectNode node = typed("kicked").put("by", kicked.getBy()).put("reason", kicked.getReason());
        putNullable(node, "room", kicked.getRoomName());
        return node;
    }

    /**
     * An operator muted, unmuted or banned this player. {@code until} (muted, banned) is null for a
     * permanent one; {@code reason} is null when none was given.
     */
    public static ObjectNode moderation(ModerationEvent event) {
        String what = switch (event.getType()) {
            case MUTED -> "muted";
            case UNMUTED -> "unmuted";
            case BANNED -> "banned";
            default -> "changed";
        };
        ObjectNode node = typed("moderation").put("event", what).put("by", event.getBy());
        if (event.getType() != ModerationEvent.Type.UNMUTED) {
            putNullable(node, "until", event.getUntilMs() == 0 ? null : Instant.ofEpochMilli(event.getUntilMs()).toString());
        }
        putNullable(node, "reason", event.getReason());
        return node;
    }

    public static ObjectNode rooms(RoomList list) {
        ObjectNode node = typed("rooms").put("total", list.getTotal());
        ArrayNode rooms = node.putArray("rooms");
        list.getRoomsList().forEach(room -> rooms.add(room(room)));
        return node;
    }

    private static ObjectNode room(RoomSummary room) {
        return NODES.objectNode()
                .put("name", room.getName())
                .put("members", room.getMembers())
                .put("capacity", room.getCapacity())
                .put("state", room.getState().name())
                .put("private", room.getPrivate())
                .put("id", room.getId())
                .put("owner", room.getOwner())
                .put("password", room.getHasPassword());
    }

    public static ObjectNode lobby(LobbyEvent event) {
        String what = switch (event.getType()) {
            case ROOM_CREATED -> "created";
            case ROOM_UPDATED -> "updated";
            case ROOM_REMOVED -> "removed";
            default -> "unknown";
        };
        ObjectNode node = typed("lobby").put("event", what).put("version", event.getVersion());
        node.set("room", room(event.getRoom()));
        return node;
    }

    public static ObjectNode members(String room, MemberList list) {
        ObjectNode node = typed("members");
        putNullable(node, "room", room);
        ArrayNode members = node.putArray("members");
        list.getMembersList().forEach(m -> members.add(member(m)));
        return node;
    }

    private static ObjectNode member(Member m) {
        return NODES.objectNode().put("user", m.getUser()).put("ready", m.getReady()).put("owner", m.getOwner());
    }

    public static ObjectNode users(OnlineUserList list) {
        ObjectNode node = typed("users").put("total", list.getTotal());
        ArrayNode users = node.putArray("users");
        for (OnlineUser user : list.getUsersList()) {
            ObjectNode u = NODES.objectNode().put("user", user.getUser()).put("guest", user.getGuest());
            putNullable(u, "room", user.getRoom());
            users.add(u);
        }
        return node;
    }

    public static ObjectNode ack(String command) {
        return typed("ack").put("command", command);
    }

    public static ObjectNode error(Error error) {
        ObjectNode node = error(error.getCode().name(), error.getMessage());
        if (error.getRetryAfterMs() > 0) {
            node.put("retryAfterMs", error.getRetryAfterMs());
        }
        if (error.getUntilMs() > 0) {
            node.put("until", Instant.ofEpochMilli(error.getUntilMs()).toString());
        }
        if (!error.getReason().isEmpty()) {
            node.put("reason", error.getReason());
        }
        return node;
    }

    /** An error of the CLI's own (USAGE, UNKNOWN_COMMAND, TIMEOUT...) or of the server's. */
    public static ObjectNode error(String code, String message) {
        return typed("error").put("code", code).put("message", message);
    }

    /** Connecting failed: CONNECT_FAILED, with what went wrong in {@code cause} (REFUSED, NOT_TAVERN...). */
    static ObjectNode connectFailed(ConnectionTrouble trouble) {
        return error("CONNECT_FAILED", trouble.message()).put("cause", trouble.kind().name());
    }

    /**
     * The connection closed. {@code notice} is what an operator's kick or ban said just
     * before (null if none): it says who and why, which the Goodbye does not.
     */
    static ObjectNode disconnected(DisconnectInfo info, OperatorNotice notice) {
        ObjectNode node = typed("disconnected").put("reason", info.reason().name())
                .put("message", ConnectionTrouble.lost(info));
        if (notice != null) {
            putIfGiven(node, "by", notice.by());
            putIfGiven(node, "because", notice.because());
            if (notice.until() != null) {
                node.put("until", notice.until());
            }
        }
        return node;
    }

    public static ObjectNode info(String text) {
        return typed("info").put("text", text);
    }

    public static ObjectNode help(List<CommandCatalog> commands) {
        ObjectNode node = typed("help");
        ArrayNode list = node.putArray("commands");
        commands.forEach(c -> list.add(NODES.objectNode().put("usage", c.usage()).put("summary", c.summary())));
        return node;
    }

    static String scope(ChatScope scope) {
        return switch (scope) {
            case LOBBY -> "lobby";
            case ROOM -> "room";
            case WHISPER -> "whisper";
            case SYSTEM -> "system";
            default -> "unknown";
        };
    }

    private static void putIfGiven(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null || value.isEmpty()) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
