package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.admin.AdminAudit.Intent;
import io.tavern.server.lobby.Lobby;
import io.tavern.server.lobby.Room;
import io.tavern.server.lobby.RoomDirectory;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
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

    @Operation(summary = "Say something to everyone, or to one room, as a SYSTEM chat message",
            description = "Body: {\"text\": \"...\"} (1 to " + Announcement.MAX_LENGTH + " characters once control "
                    + "and invisible characters are removed) and, to speak to one room, \"room\": its id or name. 202 once handed "
                    + "to the lobby and the rooms; 404 (ROOM_NOT_FOUND), audited as NOT_FOUND, when no open room has it.")
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    CompletableFuture<Announcement> announce(@RequestBody(required = false) AnnouncementRequest request,
                                             Principal principal) {
        if (request == null) {
            throw AdminRejection.invalid("an announcement needs a JSON body: {\"text\": \"...\"}, and \"room\" to "
                    + "speak to one room only");
        }
        String text = Announcement.clean(request.text());
        Operator operator = Operator.of(principal);
        if (request.room() != null && !request.room().isBlank()) {
            String named = request.room().strip();
            Optional<Room> found = directory.find(named);
            return audit.perform(new Intent(operator, "announcement", found.map(Room::id).orElse(named), null, text),
                    HttpStatus.ACCEPTED, entry -> {
                        Room room = found.orElseThrow(() ->
                                AdminRejection.notFound(ErrorCode.ROOM_NOT_FOUND, "no open room '" + named + "'"));
                        room.announce(text);
                        log.info("announcement to room {} ({}) by {}", room.id(), room.name(), operator.name());
                        return CompletableFuture.completedFuture(new Announcement(text, room.id(), 1, entry.id()));
                    });
        }
        return audit.perform(new Intent(operator, "announcement", "everyone", null, text), HttpStatus.ACCEPTED, entry -> {
            lobby.announce(text);
            List<Room> rooms = List.copyOf(directory.rooms());
            rooms.forEach(room -> room.announce(text));
            log.info("announcement to everyone (lobby and {} rooms) by {}", rooms.size(), operator.name());
            return CompletableFuture.completedFuture(new Announcement(text, null, rooms.size(), entry.id()));
        });
    }
}
