package io.tavern.server.lobby;

import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.Reply;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.Session;
import io.tavern.server.text.TextSanitizer;
import java.util.Set;

/** The requests about rooms: in and out, the game's course, and what a room looks like. */
public final class RoomRequestHandler implements RequestHandler {

    /** The longest kick reason, in characters once cleaned: every member is told it. */
    static final int MAX_KICK_REASON = 500;

    private final Rooms rooms;

    public RoomRequestHandler(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public Set<Envelope.BodyCase> accepts() {
        return Set.of(Envelope.BodyCase.CREATE_ROOM, Envelope.BodyCase.JOIN_ROOM, Envelope.BodyCase.LEAVE_ROOM,
                Envelope.BodyCase.KICK_MEMBER, Envelope.BodyCase.SET_READY, Envelope.BodyCase.START_GAME,
                Envelope.BodyCase.END_GAME, Envelope.BodyCase.UPDATE_ROOM, Envelope.BodyCase.GET_ROOM,
                Envelope.BodyCase.LIST_MEMBERS);
    }

    @Override
    public void handle(Session session, Envelope request) {
        long id = request.getRequestId();
        Reply reply = Reply.to(session, id);
        switch (request.getBodyCase()) {
            case CREATE_ROOM -> rooms.create(session, request.getCreateRoom(), id);
            case JOIN_ROOM -> rooms.join(session, request.getJoinRoom().getRoom(), request.getJoinRoom().getPassword(), id);
            case LEAVE_ROOM -> rooms.leave(session, id);
            case KICK_MEMBER -> rooms.current(session)
                    .kick(session, request.getKickMember().getUser(), kickReason(request.getKickMember().getReason()), reply);
            case SET_READY -> rooms.current(session).setReady(session, request.getSetReady().getReady(), reply);
            case START_GAME -> rooms.current(session).startGame(session, reply);
            case END_GAME -> rooms.current(session).endGame(session, reply);
            case UPDATE_ROOM -> rooms.current(session).update(session, request.getUpdateRoom(), reply);
            case GET_ROOM -> rooms.find(request.getGetRoom().getRoom()).sendDetails(reply);
            case LIST_MEMBERS -> rooms.current(session).sendMembers(session, reply);
            default -> throw new IllegalArgumentException(request.getBodyCase().name());
        }
    }

    /** The reason as the members will read it: cleaned ({@link TextSanitizer}), stripped, not too long. */
    static String kickReason(String requested) {
        String reason = TextSanitizer.clean(requested).strip();
        int length = reason.codePointCount(0, reason.length());
        if (length > MAX_KICK_REASON) {
            throw new RequestRejected(ErrorCode.INVALID_ARGUMENT,
                    "a kick reason has at most " + MAX_KICK_REASON + " characters, not " + length);
        }
        return reason;
    }
}
