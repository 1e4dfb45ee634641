package io.tavern.server.admin;

import io.tavern.db.chat.ChatChannel;
import io.tavern.db.chat.ChatHistoryStore;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.lobby.Room;
import io.tavern.server.lobby.RoomDirectory;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Open rooms: list, inspect, close; and any room's archived chat, for moderation. A room is named in
 * the path by its id or by its name.
 */
@AdminApi
@RequestMapping(AdminApi.PATH + "/rooms")
class RoomsController {

    private static final Logger log = LoggerFactory.getLogger(RoomsController.class);
    static final int DEFAULT_HISTORY_LIMIT = 50;

    private final RoomDirectory directory;
    private final ChatHistoryStore history;
    private final AdminAudit audit;

    RoomsController(RoomDirectory directory, ChatHistoryStore history, AdminAudit audit) {
        this.directory = directory;
        this.history = history;
        this.audit = audit;
    }

    /** Open rooms by name, private ones included. */
    @GetMapping
    Page<RoomView> list(@RequestParam(required = false) String name,
                        @RequestParam(required = false) RoomState state,
                        @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "" + PageParams.DEFAULT_SIZE) int size) {
        PageParams paging = new PageParams(page, size);
        String part = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        List<RoomView> matching = directory.rooms().stream()
                .map(Room::summary)
                .filter(summary -> summary.getName().toLowerCase(Locale.ROOT).contains(part))
                .filter(summary -> state == null || summary.getState() == state)
                .sorted(Comparator.comparing(RoomSummary::getName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(RoomSummary::getId))
                .map(RoomView::of)
                .toList();
        return paging.of(matching);
    }

    /** Members, owner, metadata and state, as the room's own executor sees them. */
    @GetMapping("/{id}")
    CompletableFuture<RoomDetailsView> get(@PathVariable String id) {
        return inspect(find(id)).thenApply(RoomDetailsView::of);
    }

    /**
     * Closes the room: its members are told ({@code ROOM_CLOSED}, with the reason) and moved back to
     * the lobby. Answers with the closed room, inspected after the close on the same executor.
     */
    @DeleteMapping("/{id}")
    CompletableFuture<RoomDetailsView> close(@PathVariable String id,
                                             @RequestParam(required = false) String reason,
                                             Principal principal) {
        Room room = find(id);
        Operator operator = Operator.of(principal);
        String why = Reason.check(reason);
        return audit.record(operator, "room.close", room.id(), why, "room '" + room.name() + "'")
                .thenCompose(entry -> {
                    room.close(why == null ? "closed by " + operator.name() : why);
                    log.info("room closed: room={} name={} by={} reason={}", room.id(), room.name(), operator.name(), why);
                    return inspect(room); // runs after the close: one executor, one order
                })
                .thenApply(RoomDetailsView::of);
    }

    /**
     * A page of the room's archived chat, newest first. The room may be closed already: history is
     * kept by room id.
     */
    @GetMapping("/{id}/history")
    CompletableFuture<ChatHistoryView> history(@PathVariable String id,
                                               @RequestParam(required = false) String before,
                                               @RequestParam(defaultValue = "" + DEFAULT_HISTORY_LIMIT) int limit) {
        if (limit < 1 || limit > ChatHistoryStore.MAX_PAGE_SIZE) {
            throw AdminRejection.invalid("limit must be 1 to " + ChatHistoryStore.MAX_PAGE_SIZE + ": " + limit);
        }
        String roomId = directory.find(id).map(Room::id).orElse(id);
        return history.page(ChatChannel.room(roomId), before, limit).thenApply(ChatHistoryView::of);
    }

    private Room find(String idOrName) {
        return directory.find(idOrName)
                .orElseThrow(() -> AdminRejection.notFound(ErrorCode.ROOM_NOT_FOUND, "no open room '" + idOrName + "'"));
    }

    private static CompletableFuture<RoomDetails> inspect(Room room) {
        CompletableFuture<RoomDetails> details = new CompletableFuture<>();
        room.inspect(details::complete);
        return details;
    }
}
