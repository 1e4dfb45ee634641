package io.tavern.server.lobby;

import io.tavern.protocol.v1.RoomList;
import io.tavern.server.lobby.RoomListing.Cursor;
import io.tavern.server.lobby.RoomListing.Entry;
import io.tavern.server.lobby.RoomListing.Snapshot;
import java.util.function.Predicate;

/**
 * Cuts a page out of a {@link Snapshot}. Without a filter a page costs a binary search and the
 * page's own rooms; a filter is tested once per listed room (to count {@code total}), over entries
 * that are already sorted and built.
 *
 * <p>A page starts either at an offset ({@code page} × {@code page_size}, which shifts when rooms
 * before it come or go) or just after a {@link Cursor}, the last room of the previous page: then a
 * room listed from the first page to the last is seen exactly once, and no room twice.
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
    static RoomList page(Snapshot snapshot, Predicate<Entry> filter, Cursor after, int page, int size) {
        int start = after == null ? 0 : snapshot.indexAfter(after);
        long skip = after == null ? Integer.toUnsignedLong(page) * size : 0;
        if (filter == null) { // every room matches: go straight to the page's first one
            start = (int) Math.min(start + skip, snapshot.size());
            skip = 0;
        }
        RoomList.Builder list = RoomList.newBuilder().setPage(page).setVersion(snapshot.version);
        Entry last = null;
        boolean more = false;
        int total = 0;
        for (int i = filter == null ? start : 0; i < snapshot.size(); i++) {
            Entry entry = snapshot.get(i);
            if (filter != null && !filter.test(entry)) {
                continue;
            }
            total++;
            if (i < start) {
                continue;
            }
            if (skip > 0) {
                skip--;
            } else if (list.getRoomsCount() < size) {
                list.addRooms(entry.room);
                last = entry;
            } else {
                more = true;
                if (filter == null) {
                    break; // without a filter, total is the list's size
                }
            }
        }
        list.setTotal(filter == null ? snapshot.size() : total);
        if (more) {
            list.setNext(Cursor.after(last).text());
        }
        return list.build();
    }
}
