package io.tavern.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.tavern.db.chat.ChatChannel;
import io.tavern.db.chat.ChatHistoryStore;
import io.tavern.db.chat.InvalidCursorException;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.RoomDetails;
import io.tavern.protocol.v1.RoomState;
import io.tavern.protocol.v1.RoomSummary;
import io.tavern.server.admin.AdminAudit.Intent;
import io.tavern.server.lobby.Room;
import io.tavern.server.lobby.RoomDirectory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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
    @Operation(summary = "Open rooms, private ones included, by name",
            description = "name: part of the name, any case; state: OPEN, IN_GAME or CLOSED.")
    @GetMapping
    Page<RoomView> list(@RequestParam(required = false) String name,
                        @RequestParam(required = false) RoomState state,
                        @Valid PageParams paging) {
        if (state != null && !ExpectedValue.isChoice(state)) {
            throw AdminRejection.invalid(ExpectedValue.mismatch("state", state.name(), RoomState.class));
        }
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
    @Operation(summary = "One open room with its members", description = "By id or name; 404 (ROOM_NOT_FOUND) "
            + "when no open room has it.")
    @GetMapping("/{id}")
    CompletableFuture<RoomDetailsView> get(@PathVariable String id) {
        return inspect(directory.find(id).orElseThrow(() -> noOpenRoom(id))).thenApply(RoomDetailsView::of);
    }

    /**
     * Closes the room: its members are told ({@code ROOM_CLOSED}, with the reason) and moved back to
     * the lobby. Answers with the closed room, inspected after the close on the same executor.
     */
    @Operation(summary = "Close a room; its members are told why and go back to the lobby",
            description = "By id or name; reason (query, optional) is shown to the members. 404 (ROOM_NOT_FOUND), "
                    + "audited as NOT_FOUND, when no open room has it.")
    @DeleteMapping("/{id}")
    CompletableFuture<RoomDetailsView> close(@PathVariable String id,
                                             @RequestParam(required = false) String reason,
                                             Principal principal) {
        Operator operator = Operator.of(principal);
        String why = Reason.check(reason);
        Optional<Room> found = directory.find(id);
        Intent intent = new Intent(operator, "room.close", found.map(Room::id).orElse(id), why,
                found.map(room -> "room '" + room.name() + "'").orElse(null));
        return audit.perform(intent, HttpStatus.OK, entry -> {
            Room room = found.orElseThrow(() -> noOpenRoom(id));
            room.close(why == null ? "closed by " + operator.name() : why);
            log.info("room closed: room={} name={} by={} reason={}", room.id(), room.name(), operator.name(), why);
            return inspect(room).thenApply(RoomDetailsView::of); // runs after the close: one executor, one order
        });
    }

    /**
     * A page of the room's archived chat, newest first. The room may be closed already: history is
     * kept by room id.
     */
    @Operation(summary = "A room's archived chat, newest first, closed rooms included",
            description = "By id, or by name while the room is open; an id no room ever had has an empty history. "
                    + "before: the nextCursor of the previous page; limit: 1 to " + ChatHistoryStore.MAX_PAGE_SIZE + ".")
    @GetMapping("/{id}/history")
    CompletableFuture<ChatHistoryView> history(@PathVariable String id,
                                               @RequestParam(required = false) String before,
                                               @RequestParam(defaultValue = "" + DEFAULT_HISTORY_LIMIT)
                                               @Min(1) @Max(ChatHistoryStore.MAX_PAGE_SIZE) int limit) {
        ChatChannel room = ChatChannel.room(directory.find(id).map(Room::id).orElse(id));
        try {
            return history.page(room, before, limit).thenApply(ChatHistoryView::of);
        } catch (InvalidCursorException notOurs) {
            throw AdminRejection.invalid("before: '" + before + "' is not a cursor; pass a page's nextCursor as it is");
        }
    }

    private static AdminRejection noOpenRoom(String idOrName) {
        return AdminRejection.notFound(ErrorCode.ROOM_NOT_FOUND, "no open room '" + idOrName + "'");
    }

    private static CompletableFuture<RoomDetails> inspect(Room room) {
        CompletableFuture<RoomDetails> details = new CompletableFuture<>();
        room.inspect(details::complete);
        return details;
    }
}
