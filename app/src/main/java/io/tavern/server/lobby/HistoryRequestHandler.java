package io.tavern.server.lobby;

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
import io.tavern.server.session.Session;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code History}: older messages of the lobby, of a room (by its unique id, so a new room that reuses
 * a name starts with no history), or of one's whispers with a peer, newest first, a page at a time.
 * The query runs on the DB executor; the reply is sent from the session's executor.
 */
public final class HistoryRequestHandler implements RequestHandler {

    static final int DEFAULT_LIMIT = 50;

    private final ChatHistoryStore history;
    private final Rooms rooms;

    public HistoryRequestHandler(ChatHistoryStore history, Rooms rooms) {
        this.history = history;
        this.rooms = rooms;
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
        ChatChannel channel = channel(session, query);
        pageOf(channel, query.getBefore(), limit).whenCompleteAsync((page, failure) -> {
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

    private CompletableFuture<io.tavern.db.chat.HistoryPage> pageOf(ChatChannel channel, String before, int limit) {
        try {
            return history.page(channel, before, limit);
        } catch (InvalidCursorException e) { // a cursor that does not parse fails before any query
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "'before' is not a cursor from this server");
        }
    }

    private ChatChannel channel(Session session, History query) {
        return switch (query.getScope()) {
            case LOBBY -> ChatChannel.lobby();
            case ROOM -> ChatChannel.room(room(session, query.getRoomId()).id());
            case WHISPER -> {
                if (query.getPeer().isEmpty()) {
                    throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "WHISPER history needs a peer");
                }
                if (!NamePolicy.isValid(query.getPeer())) {
                    // No one has such a name; the channel's name key would refuse it with an exception.
                    throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "peer: " + NamePolicy.describe());
                }
                yield ChatChannel.whisper(session.user(), query.getPeer());
            }
            default -> throw new RequestRejected(ErrorCode.INVALID_ARGUMENT, "scope must be LOBBY, ROOM or WHISPER");
        };
    }

    /** Your own room, or an open public room (a private room's history is for its members). */
    private Room room(Session session, String roomId) {
        Room current = Presence.of(session).room();
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
