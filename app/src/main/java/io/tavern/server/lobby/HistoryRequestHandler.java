package io.tavern.server.lobby;

import io.tavern.db.account.AccountStore;
import io.tavern.db.chat.ArchivedMessage;
import io.tavern.db.chat.ChatChannel;
import io.tavern.db.chat.ChatHistoryStore;
import io.tavern.db.chat.InvalidCursorException;
import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.HistoryPage;
import io.tavern.server.identity.NamePolicy;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.persistence.DbFailures;
import io.tavern.server.persistence.SessionDbRequests;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code History}: older messages of the lobby, of a room (by its unique id, so a new room that reuses
 * a name starts with no history), or of one's whispers with a peer, newest first, a page at a time.
 * The query runs on the DB executor, at most a few of one session's at a time ({@link SessionDbRequests}); the
 * reply is sent from the session's executor.
 *
 * <p>Whisper history is private to its two parties, by identity, not by name (see {@link PlayerIdentity}):
 * it is the conversation between the asker's identity and the peer's identity now, that is the account
 * registered under the peer's name, or else the guest online under it. So a guest pages only the whispers
 * of its own session, and a later holder of a name (or a new session of the same guest) sees nothing of
 * an earlier one; a conversation with a guest who has left can be paged by nobody.
 */
public final class HistoryRequestHandler implements RequestHandler {

    static final int DEFAULT_LIMIT = 50;
    private static final io.tavern.db.chat.HistoryPage NOTHING = new io.tavern.db.chat.HistoryPage(List.of(), Optional.empty());

    private final ChatHistoryStore history;
    private final Rooms rooms;
    private final SessionRegistry registry;
    private final AccountStore accounts;
    private final SessionDbRequests lane;

    public HistoryRequestHandler(ChatHistoryStore history, Rooms rooms, SessionRegistry registry, AccountStore accounts,
                                 SessionDbRequests lane) {
        this.lane = lane;
        this.history = history;
        this.rooms = rooms;
        this.registry = registry;
        this.accounts = accounts;
    }

    @Override
    public Set<Envelope.BodyCase> accepts() {
        return Set.of(Envelope.BodyCase.HISTORY);
    }

    @Override
    public void handle(Session session, Envelope request) {
        long requestId = request.getRequestId();
        History query = request.getHistory();
        int limit = query.getLimit() == 0 ? DEFAULT_LIMIT : query.getLimit();
        if (limit < 1 || limit > ChatHistoryStore.MAX_PAGE_SIZE) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "limit must be 1.." + ChatHistoryStore.MAX_PAGE_SIZE);
        }
        lane.start(session, () -> pageOf(session, query, limit)).whenCompleteAsync((page, failure) -> {
            if (failure == null) {
                session.send(Envelope.newBuilder().setRequestId(requestId).setHistoryPage(toReply(page)).build());
            } else if (DbFailures.unwrap(failure) instanceof InvalidCursorException) {
                session.error(requestId, ErrorCode.INVALID_ARGUMENT, "'before' is not a cursor from this server");
            } else {
                session.send(Envelope.newBuilder().setRequestId(requestId)
                        .setError(DbFailures.toError(failure, "reading history")).build());
            }
        }, session.executor());
    }

    private CompletableFuture<io.tavern.db.chat.HistoryPage> pageOf(Session session, History query, int limit) {
        return switch (query.getScope()) {
            case LOBBY -> pageOf(ChatChannel.lobby(), query.getBefore(), limit);
            case ROOM -> pageOf(ChatChannel.room(room(session, query.getRoomId()).id()), query.getBefore(), limit);
            case WHISPER -> {
                if (query.getPeer().isEmpty()) {
                    throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "WHISPER history needs a peer");
                }
                if (!NamePolicy.isValid(query.getPeer())) {
                    throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "peer: " + NamePolicy.describe());
                }
                PlayerIdentity me = session.identity();
                yield identityOf(query.getPeer()).thenCompose(peer -> peer.isEmpty()
                        ? CompletableFuture.completedFuture(NOTHING)
                        : history.page(ChatChannel.whisper(me.key(), peer.get().key()), query.getBefore(), limit));
            }
            default -> throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "scope must be LOBBY, ROOM or WHISPER");
        };
    }

    private CompletableFuture<io.tavern.db.chat.HistoryPage> pageOf(ChatChannel channel, String before, int limit) {
        try {
            return history.page(channel, before, limit);
        } catch (InvalidCursorException e) { // a cursor that does not parse fails before any query
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "'before' is not a cursor from this server");
        }
    }

    /**
     * Who goes by {@code name} now: whoever is online under it (its account, or its guest session), else the
     * account registered under it; empty for a guest who is not online (a guest is its session).
     */
    private CompletableFuture<Optional<PlayerIdentity>> identityOf(String name) {
        Optional<PlayerIdentity> online = registry.byName(name).map(Session::identity);
        if (online.isPresent()) {
            return CompletableFuture.completedFuture(online);
        }
        return accounts.find(name).thenApply(account -> account.map(found -> PlayerIdentity.account(found.id())));
    }

    /** Your own room, or an open public room (a private room's history is for its members). */
    private Room room(Session session, String roomId) {
        Room current = session.player().room();
        if (roomId.isEmpty()) {
            if (current == null) {
                throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "name a room_id, or join a room");
            }
            return current;
        }
        Room room = rooms.find(roomId);
        if (room != current && room.summary().getPrivate()) {
            throw new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "no open room '" + roomId + "'");
        }
        return room;
    }

    private static HistoryPage toReply(io.tavern.db.chat.HistoryPage page) {
        HistoryPage.Builder reply = HistoryPage.newBuilder();
        for (ArchivedMessage message : page.messages()) {
            reply.addMessages(toChatMessage(message));
        }
        page.nextCursor().ifPresent(reply::setNextCursor);
        return reply.build();
    }

    static ChatMessage toChatMessage(ArchivedMessage message) {
        ChatMessage.Builder chat = ChatMessage.newBuilder()
                .setId(message.id())
                .setScope(ChatScope.valueOf(message.scope().name()))
                .setText(message.text())
                .setSentAtMs(message.sentAt().toEpochMilli());
        if (message.roomId() != null) {
            chat.setRoomId(message.roomId());
        }
        if (message.roomName() != null) {
            chat.setRoomName(message.roomName());
        }
        if (message.sender() != null) {
            chat.setFrom(message.sender());
        }
        if (message.recipient() != null) {
            chat.setTo(message.recipient());
        }
        return chat.build();
    }
}
