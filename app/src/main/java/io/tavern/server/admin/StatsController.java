package io.tavern.server.admin;

import io.tavern.db.Database;
import io.tavern.db.chat.ChatArchive;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.RoomState;
import io.tavern.server.lobby.RoomDirectory;
import io.tavern.server.net.NetworkStats;
import io.tavern.server.net.TavernServer;
import io.tavern.server.observability.ChatMetrics;
import io.tavern.server.session.SessionRegistry;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The server at a glance, from counters every tier keeps anyway: reading them touches no state. */
@AdminApi
@RequestMapping(AdminApi.PATH + "/stats")
class StatsController {

    private final TavernServer server;
    private final NetworkStats network;
    private final SessionRegistry sessions;
    private final RoomDirectory rooms;
    private final ChatMetrics chat;
    private final ChatArchive archive;
    private final Database database;

    StatsController(TavernServer server, NetworkStats network, SessionRegistry sessions, RoomDirectory rooms,
                    ChatMetrics chat, ChatArchive archive, Database database) {
        this.server = server;
        this.network = network;
        this.sessions = sessions;
        this.rooms = rooms;
        this.chat = chat;
        this.archive = archive;
        this.database = database;
    }

    @GetMapping
    ServerStats stats() {
        boolean accepting = server.isAccepting();
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (ErrorCode reason : new ErrorCode[] {ErrorCode.SERVER_FULL, ErrorCode.TOO_MANY_CONNECTIONS}) {
            rejected.put(reason.name(), network.rejectedConnections(reason));
        }
        Map<String, Integer> roomsByState = new LinkedHashMap<>();
        for (Map.Entry<RoomState, Integer> count : rooms.countByState().entrySet()) {
            roomsByState.put(count.getKey().name(), count.getValue());
        }
        return new ServerStats(
                TimeUnit.MILLISECONDS.toSeconds(ManagementFactory.getRuntimeMXBean().getUptime()),
                server.transportName(),
                accepting ? server.port() : 0,
                accepting,
                new ServerStats.Connections(network.currentConnections(), network.acceptedConnections(),
                        network.rejectedConnections(), rejected),
                sessions.size(),
                sessions.loggedInCount(),
                roomsByState,
                chat.perSecondOverLastMinute(),
                archive.backlog(),
                new ServerStats.Queue(database.executor().queueDepth(), database.executor().queueCapacity()));
    }
}
