package io.tavern.server.budget;

import io.tavern.protocol.v1.Envelope.BodyCase;
import io.tavern.server.config.TavernProperties;
import java.util.EnumMap;
import java.util.Map;

/** What each kind of request costs, from {@code tavern.limits.costs}. A kind not listed (not a request) costs 1. */
public final class RequestCosts {

    static final int UNLISTED = 1;

    private final Map<BodyCase, Integer> costs = new EnumMap<>(BodyCase.class);

    public RequestCosts(TavernProperties.Limits.Costs config) {
        costs.put(BodyCase.LOGIN_GUEST, config.login());
        costs.put(BodyCase.LOGIN, config.login());
        costs.put(BodyCase.REGISTER, config.login());
        costs.put(BodyCase.SEND_CHAT, config.sendChat());
        costs.put(BodyCase.HISTORY, config.history());
        costs.put(BodyCase.LIST_ROOMS, config.listRooms());
        costs.put(BodyCase.GET_ROOM, config.getRoom());
        costs.put(BodyCase.LIST_MEMBERS, config.listMembers());
        costs.put(BodyCase.LIST_ONLINE_USERS, config.listOnlineUsers());
        costs.put(BodyCase.WATCH_LOBBY, config.watchLobby());
        costs.put(BodyCase.CREATE_ROOM, config.createRoom());
        costs.put(BodyCase.JOIN_ROOM, config.joinRoom());
        costs.put(BodyCase.LEAVE_ROOM, config.leaveRoom());
        costs.put(BodyCase.KICK_MEMBER, config.kickMember());
        costs.put(BodyCase.SET_READY, config.setReady());
        costs.put(BodyCase.START_GAME, config.startGame());
        costs.put(BodyCase.END_GAME, config.endGame());
        costs.put(BodyCase.UPDATE_ROOM, config.updateRoom());
        costs.put(BodyCase.REPORT, config.report());
    }

    public int of(BodyCase kind) {
        return costs.getOrDefault(kind, UNLISTED);
    }
}
