package io.tavern.server.session;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every handshaken session, and the names of those logged in. Name claims are atomic, so two
 * clients racing for one name cannot both win.
 */
public final class SessionRegistry {

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Map<String, Session> byName = new ConcurrentHashMap<>();

    public void add(Session session) {
        byId.put(session.id(), session);
    }

    /** Forgets the session and frees its name. */
    public void remove(Session session) {
        byId.remove(session.id());
        String user = session.user();
        if (user != null) {
            byName.remove(key(user), session);
        }
    }

    /** Reserves {@code name} for {@code session}; false when another session holds it. */
    public boolean claimName(Session session, String name) {
        return byName.putIfAbsent(key(name), session) == null;
    }

    public void releaseName(Session session, String name) {
        byName.remove(key(name), session);
    }

    public Optional<Session> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Session> byName(String name) {
        return Optional.ofNullable(byName.get(key(name)));
    }

    public Collection<Session> sessions() {
        return byId.values();
    }

    public Collection<Session> loggedIn() {
        return byName.values();
    }

    public int size() {
        return byId.size();
    }

    public int loggedInCount() {
        return byName.size();
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
