package io.tavern.testserver;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.tavern.protocol.Envelopes;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.HistoryPage;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Limits;
import io.tavern.protocol.v1.LoginOk;
import io.tavern.protocol.v1.Member;
import io.tavern.protocol.v1.MemberList;
import io.tavern.protocol.v1.OnlineUser;
import io.tavern.protocol.v1.OnlineUserList;
import io.tavern.protocol.v1.Pong;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomEvent;
import io.tavern.protocol.v1.RoomEventType;
import io.tavern.protocol.v1.RoomList;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.protocol.v1.SendChat;
import io.tavern.protocol.v1.Welcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The test server's state and rules: sessions, accounts, rooms, chat history. Touched only by the
 * server's single event loop thread. Follows the contract the real server documents (replies echo
 * request_id; events carry 0; the sender of a room or lobby message receives it too).
 */
final class TestLobby {

    static final int MAX_CHAT_LENGTH = 2000;
    static final int MAX_ROOM_CAPACITY = 64;
    static final int HISTORY_PAGE_MAX = 100;
    /** How long a session sent away waits for its client to close before it is closed anyway. */
    static final int LINGER_SECONDS = 5;
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_-]{2,24}");
    /** The product server's rule: room names may hold spaces. */
    private static final Pattern VALID_ROOM_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.'-]{0,30}[\\p{L}\\p{N}]");

    private final int heartbeatIntervalMs;
    private final Map<Channel, Session> sessions = new LinkedHashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Room> roomsByKey = new TreeMap<>();
    private final List<ChatMessage> lobbyHistory = new ArrayList<>();
    private final Map<String, Sanction> bans = new HashMap<>();
    private final Map<String, Sanction> mutes = new HashMap<>();
    private final Map<String, Integer> failedLogins = new HashMap<>();
    private int failedLoginLimit = Integer.MAX_VALUE;
    private long throttleRetryAfterMs;
    private boolean answerPings = true;
    private long nextSessionId = 1;
    private long nextRoomId = 1;
    private long nextMessageId = 1;

    TestLobby(int heartbeatIntervalMs) {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
    }

    private static final class Session {
        final Channel channel;
        final String id;
        boolean welcomed;
        String user;
        boolean guest;
        Room room;

        Session(Channel channel, String id) {
            this.channel = channel;
            this.id = id;
        }
    }

    private static final class Room {
        final String id;
        final String name;
        final int capacity;
        final boolean isPrivate;
        final String password;
        final LinkedHashMap<Session, Boolean> members = new LinkedHashMap<>(); // member -> ready
        final List<ChatMessage> history = new ArrayList<>();
        Session owner;
        RoomState state = RoomState.OPEN;

        Room(String id, String name, int capacity, boolean isPrivate, String password) {
            this.id = id;
            this.name = name;
            this.capacity = capacity;
            this.isPrivate = isPrivate;
            this.password = password;
        }
    }

    /** A ban or a mute: until epoch ms (0 = no end), why, and by whom. */
    record Sanction(long untilMs, String reason, String by) {
    }

    void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    /** Bans {@code user}: logins are refused with BANNED; a session online is told (Kicked) and closed (Goodbye BANNED). */
    void ban(String user, Sanction ban) {
        bans.put(key(user), ban);
        Session online = online(user);
        if (online != null) {
            lastWords(online.channel,
                    Envelope.newBuilder().setKicked(Kicked.newBuilder()
                            .setScope(KickScope.FROM_SERVER).setBy(ban.by()).setReason(ban.reason())).build(),
                    Envelopes.goodbye(Goodbye.Reason.BANNED, "banned: " + ban.reason()));
        }
    }

    /**
     * Sends a session its last frames and ends it the way the product's server does: output shut
     * down after them (FIN), the socket closed once the client closes its side. Closing at once while
     * the client's requests are still unread would make the kernel send RST, and the client could
     * lose the frames.
     */
    static void lastWords(Channel channel, Envelope... frames) {
        for (int i = 0; i < frames.length - 1; i++) {
            channel.write(frames[i]);
        }
        channel.writeAndFlush(frames[frames.length - 1])
                .addListener(written -> ((DuplexChannel) channel).shutdownOutput());
        channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
    }

    /** Mutes {@code user}: their chat is refused with MUTED. */
    void mute(String user, Sanction mute) {
        mutes.put(key(user), mute);
    }

    /** After {@code failures} failed logins for a name, its logins are refused with TOO_MANY_ATTEMPTS. */
    void limitFailedLogins(int failures, long retryAfterMs) {
        this.failedLoginLimit = failures;
        this.throttleRetryAfterMs = retryAfterMs;
    }

    /** An operator closes the room: members are told (ROOM_CLOSED, with the reason) and back in the lobby. */
    void closeRoom(String name, String reason) {
        Room room = roomsByKey.remove(key(name));
        if (room == null) {
            return;
        }
        room.state = RoomState.CLOSED;
        broadcast(room, roomEvent(room, RoomEventType.ROOM_CLOSED, "").setReason(reason), null);
        room.members.keySet().forEach(member -> member.room = null);
        room.members.clear();
    }

    void connected(Channel channel) {
        sessions.put(channel, new Session(channel, "s-" + nextSessionId++));
    }

    void disconnected(Channel channel) {
        Session session = sessions.remove(channel);
        if (session != null && session.room != null) {
            removeMember(session, RoomEventType.MEMBER_LEFT, "");
        }
    }

    Collection<Channel> channels() {
        return new ArrayList<>(sessions.keySet());
    }

    List<String> onlineUserNames() {
        return sessions.values().stream().filter(s -> s.user != null).map(s -> s.user).sorted().toList();
    }

    List<String> roomNames() {
        return roomsByKey.values().stream().map(r -> r.name).toList();
    }

    void sendTo(String user, Envelope event) {
        Session target = online(user);
        if (target != null) {
            target.channel.writeAndFlush(event);
        }
    }

    void handle(Channel channel, Envelope request) {
        Session session = sessions.get(channel);
        if (session == null) {
            return;
        }
        long id = request.getRequestId();
        if (!session.welcomed) {
            handshake(session, request);
            return;
        }
        switch (request.getBodyCase()) {
            case PING -> {
                if (answerPings) {
                    channel.writeAndFlush(Envelope.newBuilder()
                            .setPong(Pong.newBuilder().setNonce(request.getPing().getNonce())).build());
                }
            }
            case PONG -> { }
            case GOODBYE -> channel.close();
            case LOGIN_GUEST -> login(session, id, request.getLoginGuest().getName(), true);
            case REGISTER -> register(session, id, request.getRegister().getName(), request.getRegister().getPassword());
            case LOGIN -> {
                String name = request.getLogin().getName();
                if (failedLogins.getOrDefault(key(name), 0) >= failedLoginLimit) {
                    reply(session, Envelope.newBuilder().setRequestId(id).setError(io.tavern.protocol.v1.Error.newBuilder()
                            .setCode(ErrorCode.TOO_MANY_ATTEMPTS).setMessage("too many failed logins; try again later")
                            .setRetryAfterMs(throttleRetryAfterMs)).build());
                } else if (!request.getLogin().getPassword().equals(passwords.get(key(name)))) {
                    failedLogins.merge(key(name), 1, Integer::sum);
                    reply(session, Envelopes.error(id, ErrorCode.INVALID_CREDENTIALS, "unknown account or wrong password"));
                } else {
                    login(session, id, name, false);
                }
            }
            default -> {
                if (session.user == null) {
                    reply(session, Envelopes.error(id, ErrorCode.NOT_LOGGED_IN, "log in first"));
                } else {
                    handleLoggedIn(session, id, request);
                }
            }
        }
    }

    private void handshake(Session session, Envelope request) {
        long id = request.getRequestId();
        if (!request.hasHello()) {
            reply(session, Envelopes.error(id, ErrorCode.HANDSHAKE_REQUIRED, "send Hello first"));
            session.channel.close();
        } else if (!ProtocolVersion.isSupported(request.getHello().getProtocolVersion())) {
            session.channel.writeAndFlush(Envelopes.error(id, ErrorCode.UNSUPPORTED_VERSION,
                    "this server speaks protocol " + ProtocolVersion.CURRENT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            session.welcomed = true;
            reply(session, Envelope.newBuilder().setRequestId(id).setWelcome(Welcome.newBuilder()
                    .setServerVersion("test-server")
                    .setSessionId(session.id)
                    .setHeartbeatIntervalMs(heartbeatIntervalMs)
                    .setProtocolVersion(ProtocolVersion.CURRENT)
                    .setLimits(Limits.newBuilder()
                            .setMaxFrameBytes(io.tavern.protocol.Frames.DEFAULT_MAX_FRAME_BYTES)
                            .setMaxChatLength(MAX_CHAT_LENGTH)
                            .setMaxRoomCapacity(MAX_ROOM_CAPACITY)
                            .setHistoryPageMax(HISTORY_PAGE_MAX))).build());
        }
    }

    private void register(Session session, long id, String name, String password) {
        if (passwords.containsKey(key(name))) {
            reply(session, Envelopes.error(id, ErrorCode.NAME_TAKEN, "that name is not available"));
            return;
        }
        if (VALID_NAME.matcher(name).matches()) {
            passwords.put(key(name), password);
        }
        login(session, id, name, false);
    }

    private void login(Session session, long id, String name, boolean guest) {
        Sanction ban = bans.get(key(name));
        if (session.user != null) {
            reply(session, Envelopes.error(id, ErrorCode.ALREADY_LOGGED_IN, "already logged in"));
        } else if (ban != null) {
            reply(session, Envelope.newBuilder().setRequestId(id).setError(sanctionError(ErrorCode.BANNED,
                    "'" + name + "' is banned", ban)).build());
        } else if (!VALID_NAME.matcher(name).matches()) {
            reply(session, Envelopes.error(id, ErrorCode.INVALID_NAME, "names are 2-24 letters, digits, _ or -"));
        } else if (online(name) != null || (guest && passwords.containsKey(key(name)))) {
            reply(session, Envelopes.error(id, ErrorCode.NAME_TAKEN, "that name is not available"));
        } else {
            session.user = name;
            session.guest = guest;
            reply(session, Envelope.newBuilder().setRequestId(id)
                    .setLoginOk(LoginOk.newBuilder().setUser(name).setGuest(guest)).build());
        }
    }

    private void handleLoggedIn(Session session, long id, Envelope request) {
        switch (request.getBodyCase()) {
            case SEND_CHAT -> chat(session, id, request.getSendChat());
            case HISTORY -> history(session, id, request.getHistory());
            case LIST_ROOMS -> {
                String filter = request.getListRooms().getNameContains().toLowerCase(Locale.ROOT);
                RoomList.Builder list = RoomList.newBuilder();
                roomsByKey.values().stream()
                        .filter(r -> !r.isPrivate && key(r.name).contains(filter))
                        .forEach(r -> list.addRooms(summary(r)));
                reply(session, Envelope.newBuilder().setRequestId(id)
                        .setRoomList(list.setTotal(list.getRoomsCount())).build());
            }
            case LIST_ONLINE_USERS -> {
                OnlineUserList.Builder list = OnlineUserList.newBuilder();
                sessions.values().stream().filter(s -> s.user != null)
                        .sorted((a, b) -> a.user.compareToIgnoreCase(b.user))
                        .forEach(s -> list.addUsers(OnlineUser.newBuilder().setUser(s.user).setGuest(s.guest)
                                .setRoom(s.room == null ? "" : s.room.name)));
                reply(session, Envelope.newBuilder().setRequestId(id)
                        .setOnlineUserList(list.setTotal(list.getUsersCount())).build());
            }
            case CREATE_ROOM -> createRoom(session, id, request.getCreateRoom());
            case JOIN_ROOM -> joinRoom(session, id, request.getJoinRoom().getRoom(), request.getJoinRoom().getPassword());
            default -> handleInRoom(session, id, request);
        }
    }

    private void handleInRoom(Session session, long id, Envelope request) {
        Room room = session.room;
        if (room == null) {
            reply(session, Envelopes.error(id, ErrorCode.NOT_IN_ROOM, "you are not in a room"));
            return;
        }
        switch (request.getBodyCase()) {
            case LEAVE_ROOM -> {
                removeMember(session, RoomEventType.MEMBER_LEFT, "");
                reply(session, Envelopes.ack(id));
            }
            case LIST_MEMBERS -> reply(session, Envelope.newBuilder().setRequestId(id)
                    .setMemberList(MemberList.newBuilder().setRoomId(room.id).addAllMembers(members(room))).build());
            case SET_READY -> {
                boolean ready = request.getSetReady().getReady();
                room.members.put(session, ready);
                reply(session, Envelopes.ack(id));
                broadcast(room, roomEvent(room, RoomEventType.READY_CHANGED, session.user).setReady(ready), null);
            }
            case START_GAME, END_GAME -> game(session, id, room, request.hasStartGame());
            case KICK_MEMBER -> kick(session, id, room, request.getKickMember().getUser(), request.getKickMember().getReason());
            default -> reply(session, Envelopes.error(id, ErrorCode.UNKNOWN_MESSAGE,
                    "the test server does not handle " + request.getBodyCase()));
        }
    }

    private static io.tavern.protocol.v1.Error sanctionError(ErrorCode code, String message, Sanction sanction) {
        return io.tavern.protocol.v1.Error.newBuilder().setCode(code).setMessage(message)
                .setUntilMs(sanction.untilMs()).setReason(sanction.reason()).build();
    }

    private void chat(Session session, long id, SendChat chat) {
        Sanction mute = mutes.get(key(session.user));
        if (mute != null) {
            reply(session, Envelope.newBuilder().setRequestId(id).setError(sanctionError(ErrorCode.MUTED,
                    "you are muted", mute)).build());
            return;
        }
        String text = chat.getText();
        if (text.isBlank()) {
            reply(session, Envelopes.error(id, ErrorCode.EMPTY_MESSAGE, "say something"));
            return;
        }
        if (text.length() > MAX_CHAT_LENGTH) {
            reply(session, Envelopes.error(id, ErrorCode.MESSAGE_TOO_LONG, "at most " + MAX_CHAT_LENGTH + " characters"));
            return;
        }
        ChatMessage.Builder message = ChatMessage.newBuilder()
                .setId(nextMessageId++).setFrom(session.user).setText(text).setSentAtMs(System.currentTimeMillis());
        switch (chat.getScope()) {
            case ROOM -> {
                Room room = session.room;
                if (room == null) {
                    reply(session, Envelopes.error(id, ErrorCode.NOT_IN_ROOM, "you are not in a room"));
                    return;
                }
                ChatMessage sent = message.setScope(ChatScope.ROOM).setRoomId(room.id).setRoomName(room.name).build();
                room.history.add(sent);
                broadcast(room, Envelope.newBuilder().setChatMessage(sent), null);
            }
            case LOBBY -> {
                ChatMessage sent = message.setScope(ChatScope.LOBBY).build();
                lobbyHistory.add(sent);
                Envelope event = Envelope.newBuilder().setChatMessage(sent).build();
                sessions.values().stream().filter(s -> s.user != null && s.room == null)
                        .forEach(s -> s.channel.writeAndFlush(event));
            }
            case WHISPER -> {
                Session target = online(chat.getTo());
                if (target == null) {
                    reply(session, Envelopes.error(id, ErrorCode.USER_NOT_FOUND, chat.getTo() + " is not online"));
                    return;
                }
                Envelope event = Envelope.newBuilder()
                        .setChatMessage(message.setScope(ChatScope.WHISPER).setTo(target.user)).build();
                target.channel.writeAndFlush(event);
                if (target != session) {
                    session.channel.writeAndFlush(event);
                }
            }
            default -> {
                reply(session, Envelopes.error(id, ErrorCode.INVALID_ARGUMENT, "scope must be LOBBY, ROOM or WHISPER"));
                return;
            }
        }
        reply(session, Envelopes.ack(id));
    }

    private void history(Session session, long id, History query) {
        List<ChatMessage> source;
        if (query.getScope() == ChatScope.ROOM) {
            if (session.room == null) {
                reply(session, Envelopes.error(id, ErrorCode.NOT_IN_ROOM, "you are not in a room"));
                return;
            }
            source = session.room.history;
        } else {
            source = lobbyHistory;
        }
        int limit = query.getLimit() == 0 ? 20 : Math.min(query.getLimit(), HISTORY_PAGE_MAX);
        HistoryPage.Builder page = HistoryPage.newBuilder();
        for (int i = source.size() - 1; i >= 0 && page.getMessagesCount() < limit; i--) {
            page.addMessages(source.get(i));
        }
        reply(session, Envelope.newBuilder().setRequestId(id).setHistoryPage(page).build());
    }

    private void createRoom(Session session, long id, CreateRoom create) {
        if (session.room != null) {
            reply(session, Envelopes.error(id, ErrorCode.ALREADY_IN_ROOM, "leave your room first"));
        } else if (!VALID_ROOM_NAME.matcher(create.getName()).matches()) {
            reply(session, Envelopes.error(id, ErrorCode.INVALID_ARGUMENT, "room names are 2-32 letters, digits, spaces and _ . ' -"));
        } else if (roomsByKey.containsKey(key(create.getName()))) {
            reply(session, Envelopes.error(id, ErrorCode.ROOM_NAME_TAKEN, "a room is named so already"));
        } else if (create.getCapacity() == 1 || create.getCapacity() > MAX_ROOM_CAPACITY) {
            reply(session, Envelopes.error(id, ErrorCode.INVALID_ARGUMENT, "capacity is 2.." + MAX_ROOM_CAPACITY));
        } else {
            int capacity = create.getCapacity() == 0 ? 8 : create.getCapacity();
            Room room = new Room("r-" + nextRoomId++, create.getName(), capacity, create.getPrivate(), create.getPassword());
            roomsByKey.put(key(room.name), room);
            room.owner = session;
            room.members.put(session, false);
            session.room = room;
            reply(session, details(id, room));
        }
    }

    private void joinRoom(Session session, long id, String nameOrId, String password) {
        Room room = roomsByKey.values().stream()
                .filter(r -> r.id.equals(nameOrId) || key(r.name).equals(key(nameOrId)))
                .findFirst().orElse(null);
        if (session.room != null) {
            reply(session, Envelopes.error(id, ErrorCode.ALREADY_IN_ROOM, "leave your room first"));
        } else if (room == null) {
            reply(session, Envelopes.error(id, ErrorCode.ROOM_NOT_FOUND, "no room " + nameOrId));
        } else if (room.members.size() >= room.capacity) {
            reply(session, Envelopes.error(id, ErrorCode.ROOM_FULL, room.name + " is full"));
        } else if (!room.password.isEmpty() && !room.password.equals(password)) {
            reply(session, Envelopes.error(id, ErrorCode.WRONG_PASSWORD, "wrong password"));
        } else if (room.state == RoomState.IN_GAME) {
            reply(session, Envelopes.error(id, ErrorCode.ROOM_IN_GAME, room.name + " is playing"));
        } else {
            broadcast(room, roomEvent(room, RoomEventType.MEMBER_JOINED, session.user), null);
            room.members.put(session, false);
            session.room = room;
            reply(session, details(id, room));
        }
    }

    private void game(Session session, long id, Room room, boolean start) {
        if (room.owner != session) {
            reply(session, Envelopes.error(id, ErrorCode.NOT_OWNER, "only the owner may do this"));
        } else if (start && room.state != RoomState.OPEN || !start && room.state != RoomState.IN_GAME) {
            reply(session, Envelopes.error(id, ErrorCode.INVALID_STATE, "the room is " + room.state));
        } else if (start && room.members.size() < 2) {
            reply(session, Envelopes.error(id, ErrorCode.NOT_ENOUGH_PLAYERS, "at least 2 players"));
        } else if (start && room.members.values().contains(false)) {
            reply(session, Envelopes.error(id, ErrorCode.NOT_ALL_READY, "every member must be ready"));
        } else {
            room.state = start ? RoomState.IN_GAME : RoomState.OPEN;
            reply(session, Envelopes.ack(id));
            broadcast(room, roomEvent(room, start ? RoomEventType.GAME_STARTED : RoomEventType.GAME_ENDED, ""), null);
        }
    }

    private void kick(Session session, long id, Room room, String user, String reason) {
        Session target = room.members.keySet().stream().filter(s -> s.user.equalsIgnoreCase(user)).findFirst().orElse(null);
        if (room.owner != session) {
            reply(session, Envelopes.error(id, ErrorCode.NOT_OWNER, "only the owner may kick"));
        } else if (target == null || target == session) {
            reply(session, Envelopes.error(id, ErrorCode.USER_NOT_FOUND, user + " is not in your room"));
        } else {
            removeMember(target, RoomEventType.MEMBER_KICKED, session.user);
            target.channel.writeAndFlush(Envelope.newBuilder().setKicked(Kicked.newBuilder()
                    .setScope(KickScope.FROM_ROOM).setRoomId(room.id).setRoomName(room.name)
                    .setBy(session.user).setReason(reason)).build());
            reply(session, Envelopes.ack(id));
        }
    }

    private void removeMember(Session member, RoomEventType why, String actor) {
        Room room = member.room;
        room.members.remove(member);
        member.room = null;
        if (room.members.isEmpty()) {
            roomsByKey.remove(key(room.name));
            return;
        }
        broadcast(room, roomEvent(room, why, member.user).setActor(actor), null);
        if (room.owner == member) {
            room.owner = room.members.keySet().iterator().next();
            broadcast(room, roomEvent(room, RoomEventType.OWNER_CHANGED, room.owner.user), null);
        }
    }

    private void broadcast(Room room, RoomEvent.Builder event, Session except) {
        broadcast(room, Envelope.newBuilder().setRoomEvent(event.setRoom(summary(room))), except);
    }

    private void broadcast(Room room, Envelope.Builder event, Session except) {
        Envelope built = event.build();
        room.members.keySet().stream().filter(s -> s != except).forEach(s -> s.channel.writeAndFlush(built));
    }

    private RoomEvent.Builder roomEvent(Room room, RoomEventType type, String user) {
        return RoomEvent.newBuilder().setType(type).setRoomId(room.id).setRoomName(room.name).setUser(user);
    }

    private Envelope details(long id, Room room) {
        return Envelope.newBuilder().setRequestId(id)
                .setRoomDetails(RoomDetails.newBuilder().setRoom(summary(room)).addAllMembers(members(room))).build();
    }

    private RoomSummary summary(Room room) {
        return RoomSummary.newBuilder().setId(room.id).setName(room.name).setOwner(room.owner.user)
                .setMembers(room.members.size()).setCapacity(room.capacity).setState(room.state)
                .setPrivate(room.isPrivate).setHasPassword(!room.password.isEmpty()).setMinPlayers(2).build();
    }

    private List<Member> members(Room room) {
        List<Member> members = new ArrayList<>();
        room.members.forEach((s, ready) -> members.add(Member.newBuilder()
                .setUser(s.user).setReady(ready).setOwner(s == room.owner).build()));
        return members;
    }

    private Session online(String name) {
        return sessions.values().stream().filter(s -> s.user != null && s.user.equalsIgnoreCase(name))
                .findFirst().orElse(null);
    }

    private static void reply(Session session, Envelope reply) {
        session.channel.writeAndFlush(reply);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
