package io.tavern.server.lobby;

import io.tavern.protocol.v1.Envelope;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.session.Session;
import java.util.Set;

/** The requests about rooms: in and out, the game's course, and what a room looks like. */
public final class RoomRequestHandler implements RequestHandler {

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
        switch (request.getBodyCase()) {
            case CREATE_ROOM -> rooms.create(session, request.getCreateRoom(), id);
            case JOIN_ROOM -> rooms.join(session, request.getJoinRoom().getRoom(), request.getJoinRoom().getPassword(), id);
            case LEAVE_ROOM -> rooms.current(session).leave(session, id);
            case KICK_MEMBER -> rooms.current(session)
                    .kick(session, request.getKickMember().getUser(), request.getKickMember().getReason(), id);
            case SET_READY -> rooms.current(session).setReady(session, request.getSetReady().getReady(), id);
            case START_GAME -> rooms.current(session).startGame(session, id);
            case END_GAME -> rooms.current(session).endGame(session, id);
            case UPDATE_ROOM -> rooms.current(session).update(session, request.getUpdateRoom(), id);
            case GET_ROOM -> rooms.find(request.getGetRoom().getRoom()).sendDetails(session, id);
            case LIST_MEMBERS -> rooms.current(session).sendMembers(session, id);
            default -> throw new IllegalArgumentException(request.getBodyCase().name());
        }
    }
}
