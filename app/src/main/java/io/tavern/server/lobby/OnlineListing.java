package io.tavern.server.lobby;

import io.tavern.server.identity.LoginListener;
import io.tavern.server.logic.SessionLifecycleListener;
import io.tavern.server.session.Session;
import java.util.Locale;

/**
 * Who is online, sorted by name case-insensitively (then by session id), under a <b>version</b> that counts
 * logins and logouts: what {@code ListOnlineUsers} pages over. A session enters when it logs in and leaves when
 * it closes, each on its own executor, under a short lock (a binary search and one array copy); readers take
 * the published {@link SortedSnapshot} without a lock. A listing request therefore never sorts, and reads only
 * its page's players (and, with a name filter, tests each listed name once).
 */
public final class OnlineListing implements LoginListener, SessionLifecycleListener {

    private final Object lock = new Object();
    private volatile SortedSnapshot<Entry> current = SortedSnapshot.empty(); // written under the lock

    public OnlineListing() {
    }

    /** The listing as it is now; safe from any thread. */
    SortedSnapshot<Entry> snapshot() {
        return current;
    }

    @Override
    public void loggedIn(Session session) {
        Entry entry = new Entry(session);
        synchronized (lock) {
            current = current.with(entry);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.user() == null) {
            return; // never logged in, never listed
        }
        ListingKey key = Entry.keyOf(session);
        synchronized (lock) {
            int at = current.indexOf(key);
            if (at >= 0) {
                current = current.without(at);
            }
        }
    }

    /** An online player and its sort key, computed once at login. */
    static final class Entry extends ListingKey {
        final Session session;

        Entry(Session session) {
            super(session.user().toLowerCase(Locale.ROOT), session.id());
            this.session = session;
        }

        static ListingKey keyOf(Session session) {
            return new ListingKey(session.user().toLowerCase(Locale.ROOT), session.id());
        }
    }
}
