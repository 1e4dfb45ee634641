package io.tavern.server.lobby;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A listing at one version: its entries sorted by their {@link ListingKey}, in an immutable array, so it can be
 * read from any thread without a lock and held for a reader paging through it. A change makes a new snapshot
 * (a binary search and one array copy) at the next version; the writer publishes it (see {@link RoomListing},
 * {@link OnlineListing}). Reading a page never sorts and never builds an entry.
 *
 * @param <E> the entries: rooms, online players
 */
final class SortedSnapshot<E extends ListingKey> {

    private static final SortedSnapshot<?> EMPTY = new SortedSnapshot<>(0, new ListingKey[0]);

    final long version;
    private final ListingKey[] entries; // every one an E, sorted

    private SortedSnapshot(long version, ListingKey[] entries) {
        this.version = version;
        this.entries = entries;
    }

    @SuppressWarnings("unchecked")
    static <E extends ListingKey> SortedSnapshot<E> empty() {
        return (SortedSnapshot<E>) EMPTY;
    }

    int size() {
        return entries.length;
    }

    @SuppressWarnings("unchecked")
    E get(int index) {
        return (E) entries[index];
    }

    /** The index of the entry with this key, or {@code -(insertion point) - 1}. */
    int indexOf(ListingKey key) {
        return Arrays.binarySearch(entries, key);
    }

    /** The index of the first entry sorted after {@code key}, listed or not. */
    int indexAfter(ListingKey key) {
        int at = indexOf(key);
        return at >= 0 ? at + 1 : -at - 1;
    }

    /** The next version with {@code entry} added where its key sorts, or replacing the entry with its key. */
    SortedSnapshot<E> with(E entry) {
        int at = indexOf(entry);
        if (at >= 0) {
            ListingKey[] next = entries.clone();
            next[at] = entry;
            return new SortedSnapshot<>(version + 1, next);
        }
        int insert = -at - 1;
        ListingKey[] next = new ListingKey[entries.length + 1];
        System.arraycopy(entries, 0, next, 0, insert);
        next[insert] = entry;
        System.arraycopy(entries, insert, next, insert + 1, entries.length - insert);
        return new SortedSnapshot<>(version + 1, next);
    }

    /** The next version without the entry at {@code at}. */
    SortedSnapshot<E> without(int at) {
        ListingKey[] next = new ListingKey[entries.length - 1];
        System.arraycopy(entries, 0, next, 0, at);
        System.arraycopy(entries, at + 1, next, at, entries.length - at - 1);
        return new SortedSnapshot<>(version + 1, next);
    }

    /**
     * Cuts a page. Without a filter a page costs a binary search (for a cursor) and the page's own entries; a
     * filter is tested once per entry (to count {@code total}), over entries that are already sorted and built.
     *
     * <p>A page starts either at an offset ({@code page} × {@code size}, which shifts when entries before it
     * come or go) or just after a cursor, the key of the previous page's last entry: then an entry listed from
     * the first page to the last is seen exactly once, and none twice.
     *
     * @param filter null for every entry
     * @param after  null to start at {@code page} × {@code size}; {@code page} is a uint32
     */
    Page<E> page(Predicate<? super E> filter, ListingKey after, int page, int size) {
        int start = after == null ? 0 : indexAfter(after);
        long skip = after == null ? Integer.toUnsignedLong(page) * size : 0;
        if (filter == null) { // every entry matches: go straight to the page's first one
            start = (int) Math.min(start + skip, entries.length);
            skip = 0;
        }
        List<E> items = new ArrayList<>(Math.min(size, entries.length));
        boolean more = false;
        int total = 0;
        for (int i = filter == null ? start : 0; i < entries.length; i++) {
            E entry = get(i);
            if (filter != null && !filter.test(entry)) {
                continue;
            }
            total++;
            if (i < start) {
                continue;
            }
            if (skip > 0) {
                skip--;
            } else if (items.size() < size) {
                items.add(entry);
            } else {
                more = true;
                if (filter == null) {
                    break; // without a filter, total is the listing's size
                }
            }
        }
        String next = more ? items.get(items.size() - 1).cursor() : "";
        return new Page<>(items, filter == null ? entries.length : total, version, next);
    }

    /**
     * @param total   matching entries over all pages
     * @param version the snapshot's
     * @param next    the cursor of the page after; empty on the last page
     */
    record Page<E>(List<E> items, int total, long version, String next) {
    }
}
