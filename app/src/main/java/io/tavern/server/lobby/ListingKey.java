package io.tavern.server.lobby;

/**
 * Where an entry of a sorted listing ({@link SortedSnapshot}) sorts: by name case-insensitively, then by id.
 * Rooms and online players are listed by this one order. The key is computed once, when the entry enters the
 * listing, never per request.
 *
 * <p>The key of a page's last entry is its <b>cursor</b>, sent to clients as an opaque string {@code id:name};
 * ids (room ids, session ids) never hold a colon, so the first one splits it. A cursor stays valid when its
 * entry has left the listing: a page after it starts where the entry would sort.
 */
class ListingKey implements Comparable<ListingKey> {

    final String name; // lower case
    final String id;

    ListingKey(String name, String id) {
        this.name = name;
        this.id = id;
    }

    /** Null when {@code text} is not a cursor this server made. */
    static ListingKey parseCursor(String text) {
        int colon = text.indexOf(':');
        return colon <= 0 ? null : new ListingKey(text.substring(colon + 1), text.substring(0, colon));
    }

    /** The cursor of a page that ends with this entry. */
    final String cursor() {
        return id + ":" + name;
    }

    @Override
    public int compareTo(ListingKey other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : id.compareTo(other.id);
    }
}
