package io.tavern.server.lobby;

import io.tavern.server.chat.ChatAdmission;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.logic.LogicExecutor;
import java.time.Duration;

/** What every room shares: its neighbours in the lobby tier and the room rules. */
record RoomContext(
        Lobby lobby,
        RoomDirectory directory,
        LogicExecutor logic,
        ChatRecorder chatRecorder,
        ChatAdmission chatAdmission,
        MessageIds messageIds,
        RoomLimits limits,
        Duration emptyGrace,
        int historyOnJoin,
        RoomPasswordGate passwordGate,
        Seating seating) {
}
