package io.tavern.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the CLI's events for people: timestamps, each sender in a stable colour, whispers and
 * system lines set apart, errors in plain words with their code, room lists as aligned tables.
 * Replies that only confirm what the user sees anyway (the Ack of a chat line) are not shown.
 */
public final class HumanOutput implements Output {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle SYSTEM = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle WHISPER = AttributedStyle.DEFAULT.italic().foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle GOOD = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NOTICE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);

    private final Printer printer;
    private final SessionState state;
    private final ZoneId zone;

    public HumanOutput(Printer printer, SessionState state) {
        this(printer, state, ZoneId.systemDefault());
    }

    HumanOutput(Printer printer, SessionState state, ZoneId zone) {
        this.printer = printer;
        this.state = state;
        this.zone = zone;
    }

    @Override
    public void emit(ObjectNode event) {
        AttributedString text = render(event);
        if (text != null) {
            printer.print(text);
        }
    }

    /** The text for {@code event}, or null when there is nothing worth showing. */
    AttributedString render(ObjectNode event) {
        return switch (text(event, "type")) {
            case "welcome" -> line(DIM, "Connected to " + text(event, "server") + " (session " + text(event, "session") + ").");
            case "login" -> line(GOOD, "Logged in as " + text(event, "user") + (event.path("guest").asBoolean() ? " (guest)." : "."));
            case "chat" -> chat(event).toAttributedString();
            case "history" -> history(event);
            case "joined" -> joined(event);
            case "left" -> left(event);
            case "member" -> member(event);
            case "game" -> line(SYSTEM, "*** The game in " + text(event, "room") + " has "
                    + ("started".equals(text(event, "event")) ? "started!" : "ended."));
            case "room" -> line(NOTICE, "* " + text(event, "room") + ": " + text(event, "event").replace('_', ' '));
            case "lobby" -> line(DIM, "* Room " + text(event.path("room"), "name") + " " + text(event, "event"));
            case "rooms" -> rooms(event);
            case "members" -> members(event);
            case "users" -> users(event);
            case "ack" -> ack(event);
            case "kicked" -> line(ERROR, "An operator (" + text(event, "by") + ") disconnects you"
                    + reason(text(event, "reason")));
            case "moderation" -> moderation(event);
            case "error" -> error(event);
            case "disconnected" -> isOwnQuit(text(event, "reason")) ? line(DIM, "Bye.") : line(ERROR.bold(), "Disconnected: " + ErrorWording.disconnect(text(event, "reason"))
                    + " (" + text(event, "reason") + (text(event, "message").isEmpty() ? "" : ": " + text(event, "message")) + ")");
            case "help" -> help(event);
            case "info" -> line(DIM, text(event, "text"));
            default -> line(DIM, event.toString());
        };
    }

    private static boolean isOwnQuit(String reason) {
        return reason.equals("CLOSED") || reason.equals("CLIENT_QUIT");
    }

    private AttributedStringBuilder chat(JsonNode chat) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.styled(DIM, "[" + clock(text(chat, "sentAt")) + "] ");
        String from = text(chat, "from");
        String me = state.user();
        switch (text(chat, "scope")) {
            case "whisper" -> {
                String to = text(chat, "to");
                String sender = from.equalsIgnoreCase(me) ? "you" : from;
                String receiver = to.equalsIgnoreCase(me) ? "you" : to;
                out.styled(WHISPER, sender + " -> " + receiver + " (whisper): " + text(chat, "text"));
            }
            case "system" -> out.styled(SYSTEM, "*** " + text(chat, "text"));
            default -> {
                out.styled(UserColors.of(from), from);
                out.append(": ").append(text(chat, "text"));
            }
        }
        return out;
    }

    private AttributedString history(JsonNode event) {
        String where = event.path("room").isNull() ? "the lobby" : text(event, "room");
        JsonNode messages = event.path("messages");
        if (messages.isEmpty()) {
            return line(DIM, "No messages in " + where + " yet.");
        }
        List<AttributedString> lines = new ArrayList<>();
        lines.add(line(DIM, "-- last " + messages.size() + " messages in " + where + " --"));
        messages.forEach(m -> lines.add(chat(m).toAttributedString()));
        lines.add(line(DIM, "-- end of history --"));
        return AttributedString.join(AttributedString.NEWLINE, lines);
    }

    private AttributedString joined(JsonNode event) {
        List<String> names = new ArrayList<>();
        event.path("members").forEach(m -> names.add(text(m, "user")));
        String verb = event.path("created").asBoolean() ? "created" : "joined";
        return line(GOOD, "You " + verb + " " + text(event, "room") + " (" + names.size() + "/" + event.path("capacity").asInt()
                + ", owner " + text(event, "owner") + "). Here: " + String.join(", ", names));
    }

    private AttributedString left(JsonNode event) {
        String room = event.path("room").isNull() ? "the room" : text(event, "room");
        return switch (text(event, "reason")) {
            case "kicked" -> line(ERROR, "You were kicked from " + room + " by " + text(event, "by") + ".");
            case "closed" -> line(NOTICE, room + " was closed; you are back in the lobby.");
            default -> line(NOTICE, "You left " + room + ".");
        };
    }

    private AttributedString member(JsonNode event) {
        String user = text(event, "user");
        String what = switch (text(event, "event")) {
            case "joined" -> "joined " + text(event, "room");
            case "left" -> "left " + text(event, "room");
            case "kicked" -> "was kicked" + (text(event, "by").isEmpty() ? "" : " by " + text(event, "by"));
            case "ready" -> "is ready";
            case "unready" -> "is not ready";
            case "owner" -> "now owns " + text(event, "room");
            default -> text(event, "event");
        };
        return new AttributedStringBuilder()
                .styled(NOTICE, "* ").styled(UserColors.of(user), user).styled(NOTICE, " " + what)
                .toAttributedString();
    }

    private AttributedString rooms(JsonNode event) {
        JsonNode rooms = event.path("rooms");
        if (rooms.isEmpty()) {
            return line(DIM, "No open rooms. /create NAME makes one.");
        }
        Table table = new Table("ROOM", "PLAYERS", "STATE", "ACCESS", "OWNER");
        rooms.forEach(r -> table.row(text(r, "name"),
                r.path("members").asInt() + "/" + r.path("capacity").asInt(),
                text(r, "state"),
                r.path("private").asBoolean() ? "private" : r.path("password").asBoolean() ? "password" : "open",
                text(r, "owner")));
        return table.render();
    }

    private AttributedString members(JsonNode event) {
        Table table = new Table("MEMBER", "READY", "ROLE");
        event.path("members").forEach(m -> table.row(text(m, "user"),
                m.path("ready").asBoolean() ? "ready" : "-",
                m.path("owner").asBoolean() ? "owner" : ""));
        return AttributedString.join(AttributedString.NEWLINE,
                line(DIM, "In " + text(event, "room") + ":"), table.render());
    }

    private AttributedString users(JsonNode event) {
        Table table = new Table("USER", "WHERE", "");
        event.path("users").forEach(u -> table.row(text(u, "user"),
                u.path("room").isNull() ? "lobby" : text(u, "room"),
                u.path("guest").asBoolean() ? "guest" : ""));
        return AttributedString.join(AttributedString.NEWLINE,
                line(DIM, event.path("total").asInt() + " online:"), table.render());
    }

    private AttributedString ack(JsonNode event) {
        return switch (text(event, "command")) {
            case "ready" -> line(GOOD, event.path("ready").asBoolean() ? "You are ready." : "You are not ready.");
            case "kick" -> line(GOOD, "Kicked " + text(event, "user") + ".");
            default -> null; // chat, whisper, start, end: the resulting event says it
        };
    }

    private AttributedString moderation(JsonNode event) {
        String by = text(event, "by");
        String term = event.path("until").isNull() ? " for good" : " until " + dateTime(text(event, "until"));
        return switch (text(event, "event")) {
            case "muted" -> line(ERROR, "You are muted by " + by + term + reason(text(event, "reason")));
            case "unmuted" -> line(GOOD, by + " lifted your mute; you can chat again.");
            case "banned" -> line(ERROR.bold(), "You are banned by " + by + term + reason(text(event, "reason")));
            default -> line(NOTICE, "Your standing changed" + reason(text(event, "reason")));
        };
    }

    private AttributedString error(JsonNode event) {
        String code = text(event, "code");
        String message = text(event, "message");
        return new AttributedStringBuilder()
                .styled(ERROR.bold(), "! " + ErrorWording.error(code))
                .styled(ERROR, " [" + code + "]" + (message.isEmpty() ? "" : " " + message))
                .toAttributedString();
    }

    private AttributedString help(JsonNode event) {
        Table table = new Table("COMMAND", "WHAT IT DOES");
        event.path("commands").forEach(c -> table.row(text(c, "usage"), text(c, "summary")));
        return AttributedString.join(AttributedString.NEWLINE, table.render(),
                line(DIM, "Anything else you type is said in your room, or in the lobby. Tab completes."));
    }

    private String clock(String isoInstant) {
        try {
            return LocalTime.ofInstant(Instant.parse(isoInstant), zone).format(CLOCK);
        } catch (RuntimeException e) {
            return LocalTime.now(zone).format(CLOCK);
        }
    }

    private String dateTime(String isoInstant) {
        try {
            return LocalDateTime.ofInstant(Instant.parse(isoInstant), zone).format(DATE_TIME);
        } catch (RuntimeException e) {
            return isoInstant;
        }
    }

    private static String reason(String reason) {
        return reason.isEmpty() ? "." : ": " + reason;
    }

    private static AttributedString line(AttributedStyle style, String text) {
        return new AttributedString(text, style);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asString("");
    }

    /** Columns padded to their widest cell, the header dimmed. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        AttributedString render() {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            List<AttributedString> lines = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    String cell = rows.get(r)[c];
                    line.append(cell);
                    if (c < columns - 1) {
                        line.append(" ".repeat(widths[c] - cell.length() + 2));
                    }
                }
                lines.add(new AttributedString(line.toString().stripTrailing(), r == 0 ? DIM.bold() : AttributedStyle.DEFAULT));
            }
            return AttributedString.join(AttributedString.NEWLINE, lines);
        }
    }
}
