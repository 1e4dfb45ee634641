package io.tavern.server.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tavern.protocol.v1.RoomState;
import io.tavern.server.lobby.RoomDirectory;
import io.tavern.server.session.SessionRegistry;
import java.util.List;

/**
 * Sessions and rooms, counted when scraped. Room counts come from the rooms' published summaries, so
 * reading them never touches a room's state.
 */
final class LobbyMetrics implements MeterBinder {

    /** The states an open room can be in; closed rooms leave the directory. */
    static final List<RoomState> LISTED_STATES = List.of(RoomState.OPEN, RoomState.IN_GAME);

    private final SessionRegistry sessions;
    private final RoomDirectory rooms;

    LobbyMetrics(SessionRegistry sessions, RoomDirectory rooms) {
        this.sessions = sessions;
        this.rooms = rooms;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tavern.sessions", sessions, SessionRegistry::size)
                .description("sessions past the handshake, logged in or not")
                .register(registry);
        Gauge.builder("tavern.sessions.logged.in", sessions, SessionRegistry::loggedInCount)
                .description("sessions logged in")
                .register(registry);
        for (RoomState state : LISTED_STATES) {
            Gauge.builder("tavern.rooms", rooms, directory -> directory.countByState().getOrDefault(state, 0))
                    .description("open rooms, by state")
                    .tag("state", state.name())
                    .register(registry);
        }
    }
}
