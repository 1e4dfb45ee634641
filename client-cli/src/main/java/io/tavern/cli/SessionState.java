package io.tavern.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the CLI knows of its session: who it is logged in as, which room it is in, and the room
 * and user names it has seen (for tab completion). Learned only from the events it reports, so it
 * never disagrees with what the user was shown. Written by the event loop and the command
 * thread, read by the prompt and the completer: fields are volatile, sets concurrent.
 */
public final class SessionState {

    private volatile String user;
    private volatile String room;
    private volatile String roomBeforeDisconnect;
    private final Set<String> rooms = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> users = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> members = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);

    public String user() {
        return user;
    }

    /** The current room's name, or null in the lobby. */
    public String room() {
        return room;
    }

    public boolean inRoom() {
        return room != null;
    }

    public List<String> knownRooms() {
        return new ArrayList<>(rooms);
    }

    /** Online users and room members seen so far, without oneself. */
    public List<String> knownUsers() {
        Set<String> all = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
        all.addAll(users);
        all.addAll(members);
        if (user != null) {
            all.remove(user);
        }
        return new ArrayList<>(all);
    }

    /** The room the user was in when the connection was lost, to go back to after a reconnect. */
    public String roomBeforeDisconnect() {
        return roomBeforeDisconnect;
    }

    /** Forgets the room with the connection; the user name stays until the next login. */
    public void connectionLost() {
        roomBeforeDisconnect = room;
        room = null;
        members.clear();
    }

    public void observe(ObjectNode event) {
        switch (event.path("type").asString()) {
            case "login" -> user = event.path("user").asString();
            case "joined" -> {
                room = event.path("room").asString();
                rooms.add(room);
                members.clear();
                event.path("members").forEach(m -> members.add(m.path("user").asString()));
            }
            case "left" -> {
                room = null;
                members.clear();
            }
            case "rooms" -> {
                rooms.clear();
                event.path("rooms").forEach(r -> rooms.add(r.path("name").asString()));
            }
            case "lobby" -> {
                JsonNode r = event.path("room");
                if ("removed".equals(event.path("event").asString())) {
                    rooms.remove(r.path("name").asString());
                } else {
                    rooms.add(r.path("name").asString());
                }
            }
            case "users" -> {
                users.clear();
                event.path("users").forEach(u -> users.add(u.path("user").asString()));
            }
            case "members" -> {
                members.clear();
                event.path("members").forEach(m -> members.add(m.path("user").asString()));
            }
            case "member" -> {
                String who = event.path("user").asString();
                switch (event.path("event").asString()) {
                    case "joined" -> members.add(who);
                    case "left", "kicked" -> members.remove(who);
                    default -> {
                    }
                }
            }
            case "chat" -> {
                String from = event.path("from").asString();
                if (!from.isEmpty()) {
                    users.add(from);
                }
            }
            case "disconnected" -> connectionLost();
            default -> {
            }
        }
    }
}
