package io.tavern.server.lobby;

import io.tavern.protocol.v1.RoomList;
import io.tavern.server.lobby.RoomListing.Entry;
import java.util.function.Predicate;

/**
 * Page sizes of the lobby's listings, and a page of rooms as a {@code RoomList}: cut out of the room list's
 * {@link SortedSnapshot} (see {@link SortedSnapshot#page} for what a page costs and where it starts).
 */
final class RoomListPages {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private RoomListPages() {
    }

    /** {@code page_size} is a uint32: read as unsigned, or 2^31 and above would be negative sizes. */
    static int pageSize(int requested) {
        return requested == 0 ? DEFAULT_PAGE_SIZE : (int) Math.min(Integer.toUnsignedLong(requested), MAX_PAGE_SIZE);
    }

    /**
     * @param filter null for every room
     * @param after  null to start at {@code page} × {@code size}; {@code page} is a uint32
     */
    static RoomList page(SortedSnapshot<Entry> snapshot, Predicate<Entry> filter, ListingKey after, int page, int size) {
        SortedSnapshot.Page<Entry> cut = snapshot.page(filter, after, page, size);
        RoomList.Builder list = RoomList.newBuilder().setPage(page).setVersion(cut.version()).setTotal(cut.total())
                .setNext(cut.next());
        cut.items().forEach(entry -> list.addRooms(entry.room));
        return list.build();
    }
}
