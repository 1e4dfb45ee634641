package io.tavern.server.admin;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.lobby.Lobby;
import io.tavern.server.lobby.Room;
import io.tavern.server.lobby.RoomDirectory;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * System messages ({@code ChatMessage} with scope {@code SYSTEM}) from the operators: to one room, or
 * to everyone, which is the lobby and every open room. Each scope delivers it on its own executor,
 * in its place among that scope's messages.
 */
@AdminApi
@RequestMapping(AdminApi.PATH + "/announcements")
class AnnouncementsController {

    private static final Logger log = LoggerFactory.getLogger(AnnouncementsController.class);

    private final Lobby lobby;
    private final RoomDirectory directory;
    private final AdminAudit audit;

    AnnouncementsController(Lobby lobby, RoomDirectory directory, AdminAudit audit) {
        this.lobby = lobby;
        this.directory = directory;
        this.audit = audit;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    CompletableFuture<Announcement> announce(@RequestBody AnnouncementRequest request, Principal principal) {
        String text = Announcement.clean(request.text());
        Operator operator = Operator.of(principal);
        if (request.room() != null && !request.room().isBlank()) {
            Room room = directory.find(request.room().strip()).orElseThrow(() ->
                    AdminRejection.notFound(ErrorCode.ROOM_NOT_FOUND, "no open room '" + request.room() + "'"));
            return audit.record(operator, "announcement", room.id(), null, text).thenApply(entry -> {
                room.announce(text);
                log.info("announcement to room {} ({}) by {}", room.id(), room.name(), operator.name());
                return new Announcement(text, room.id(), 1, entry.id());
            });
        }
        return audit.record(operator, "announcement", "everyone", null, text).thenApply(entry -> {
            lobby.announce(text);
            List<Room> rooms = List.copyOf(directory.rooms());
            rooms.forEach(room -> room.announce(text));
            log.info("announcement to everyone (lobby and {} rooms) by {}", rooms.size(), operator.name());
            return new Announcement(text, null, rooms.size(), entry.id());
        });
    }
}
