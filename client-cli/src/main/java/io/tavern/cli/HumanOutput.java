package io.tavern.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the CLI's events for people: timestamps, each sender in a stable colour, whispers and
 * system lines set apart, errors in plain words with their code, room lists as aligned tables.
 * Replies that only confirm what the user sees anyway (the Ack of a chat line) are not shown. Text
 * from the server is printed with its control characters made visible ({@link TerminalText}).
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
    /** Narrower than this, text is left whole: wrapping would only make it worse. */
    private static final int MIN_WRAP_COLUMNS = 20;

    private final Printer printer;
    private final SessionState state;
    private final IntSupplier width;
    private final Clock clock;

    /**
     * @param width the terminal's width in columns, for wrapping long lines at word boundaries; 0 or
     *              less for no wrapping (a pipe or a file)
     */
    public HumanOutput(Printer printer, SessionState state, IntSupplier width) {
        this(printer, state, width, Clock.systemDefaultZone());
    }

    HumanOutput(Printer printer, SessionState state, IntSupplier width, Clock clock) {
        this.printer = printer;
        this.state = state;
        this.width = width;
        this.clock = clock;
    }

    /**
     * Renders {@code event} with every string from the network made {@link TerminalText#visible}: the one
     * place the human mode's text comes from, so no escape sequence a server sends ever reaches the terminal.
     */
    @Override
    public void emit(ObjectNode event) {
        AttributedString text = render(TerminalText.visible(event));
        if (text != null) {
            printer.print(wrapped(text));
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
            // An operator's kick: the "disconnected" that follows says who and why.
            case "kicked" -> null;
            case "moderation" -> moderation(event);
            case "error" -> error(event);
            case "disconnected" -> disconnected(event);
            case "help" -> help(event);
            case "info" -> line(DIM, text(event, "text"));
            default -> line(DIM, event.toString());
        };
    }

    private AttributedString disconnected(JsonNode event) {
        String reason = text(event, "reason");
        if (reason.equals("CLOSED") || reason.equals("CLIENT_QUIT")) {
            return line(DIM, "Bye.");
        }
        String by = text(event, "by");
        String because = text(event, "because");
        String message = text(event, "message");
        // An operator's own words (by, because) say more than the Goodbye's message.
        boolean toldByOperator = !by.isEmpty() || !because.isEmpty();
        String until = text(event, "until");
        return line(ERROR.bold(), "Disconnected: " + ErrorWording.disconnect(reason, by, because,
                        until.isEmpty() ? "" : dateTime(until))
                + " (" + reason + (message.isEmpty() || toldByOperator ? "" : ": " + message) + ")");
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
        lines.add(line(DIM, "-- last " + Quantities.count(messages.size(), "message") + " in " + where + " --"));
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
        String because = text(event, "because");
        return switch (text(event, "reason")) {
            case "kicked" -> line(ERROR, "You were kicked from " + room + " by " + text(event, "by") + reason(because));
            case "closed" -> line(NOTICE, room + " was closed" + (because.isEmpty() ? "" : ": " + because)
                    + "; you are back in the lobby.");
            default -> line(NOTICE, "You left " + room + ".");
        };
    }

    private AttributedString member(JsonNode event) {
        String user = text(event, "user");
        String what = switch (text(event, "event")) {
            case "joined" -> "joined " + text(event, "room");
            case "left" -> "left " + text(event, "room");
            case "kicked" -> "was kicked" + (text(event, "by").isEmpty() ? "" : " by " + text(event, "by"))
                    + (text(event, "because").isEmpty() ? "" : ": " + text(event, "because"));
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
        return table.render(width.getAsInt());
    }

    private AttributedString members(JsonNode event) {
        Table table = new Table("MEMBER", "READY", "ROLE");
        event.path("members").forEach(m -> table.row(text(m, "user"),
                m.path("ready").asBoolean() ? "ready" : "-",
                m.path("owner").asBoolean() ? "owner" : ""));
        return AttributedString.join(AttributedString.NEWLINE,
                line(DIM, "In " + text(event, "room") + ":"), table.render(width.getAsInt()));
    }

    private AttributedString users(JsonNode event) {
        Table table = new Table("USER", "WHERE", "");
        event.path("users").forEach(u -> table.row(text(u, "user"),
                u.path("room").isNull() ? "lobby" : text(u, "room"),
                u.path("guest").asBoolean() ? "guest" : ""));
        return AttributedString.join(AttributedString.NEWLINE,
                line(DIM, event.path("total").asInt() + " online:"), table.render(width.getAsInt()));
    }

    private AttributedString ack(JsonNode event) {
        return switch (text(event, "command")) {
            case "ready" -> line(GOOD, event.path("ready").asBoolean() ? "You are ready." : "You are not ready.");
            case "kick" -> line(GOOD, "Kicked " + text(event, "user") + ".");
            case "report" -> line(GOOD, "Reported " + text(event, "user") + " to the operators.");
            default -> null; // chat, whisper, start, end: the resulting event says it
        };
    }

    private AttributedString moderation(JsonNode event) {
        String by = text(event, "by");
        String term = event.path("until").isNull() ? " for good" : " until " + dateTime(text(event, "until"));
        return switch (text(event, "event")) {
            case "muted" -> line(ERROR, "You are muted by " + by + term + reason(text(event, "reason")));
            case "unmuted" -> line(GOOD, (by.isEmpty() ? "Your mute ran out" : by + " lifted your mute")
                    + "; you can chat again.");
            case "banned" -> null; // the "disconnected" that follows says who, until when and why
            default -> line(NOTICE, "Your standing changed" + reason(text(event, "reason")));
        };
    }

    private AttributedString error(JsonNode event) {
        String code = text(event, "code");
        String headline = ErrorWording.headline(event, clock.getZone(), clock.instant());
        String message = ErrorWording.headlineSaysAll(code) || sameWords(headline, text(event, "message")) ? ""
                : text(event, "message");
        return new AttributedStringBuilder()
                .styled(ERROR.bold(), "! " + headline)
                .styled(ERROR, " [" + code + "]" + (message.isEmpty() ? "" : " " + message))
                .toAttributedString();
    }

    /** Whether the server's message only repeats the headline ("that name is not available"). */
    private static boolean sameWords(String headline, String message) {
        return headline.replaceAll("[.!]$", "").equalsIgnoreCase(message.replaceAll("[.!]$", ""));
    }

    private AttributedString help(JsonNode event) {
        Table table = new Table("COMMAND", "WHAT IT DOES");
        event.path("commands").forEach(c -> table.row(text(c, "usage"), text(c, "summary")));
        return AttributedString.join(AttributedString.NEWLINE, table.render(width.getAsInt()),
                wrapped(line(DIM, "Anything else you type is said in your room, or in the lobby. "
                        + "Quotes keep a name in one piece: /join \"My Room\" --password. Tab completes.")));
    }

    private String clock(String isoInstant) {
        try {
            return LocalTime.ofInstant(Instant.parse(isoInstant), clock.getZone()).format(CLOCK);
        } catch (RuntimeException e) {
            return LocalTime.now(clock).format(CLOCK);
        }
    }

    private String dateTime(String isoInstant) {
        try {
            return LocalDateTime.ofInstant(Instant.parse(isoInstant), clock.getZone()).format(DATE_TIME);
        } catch (RuntimeException e) {
            return isoInstant;
        }
    }

    /** ": spamming." after an action someone gave a reason for, else just the full stop. */
    private static String reason(String because) {
        return because.isEmpty() ? "." : ": " + because + (because.matches(".*[.!?]$") ? "" : ".");
    }

    private AttributedString line(AttributedStyle style, String text) {
        return new AttributedString(text, style);
    }

    /**
     * {@code text} broken at spaces into lines that fit the width, so that the terminal never
     * breaks a word; a word longer than a line gets a line of its own. Left whole where the width is
     * unknown or too small to help, and when it holds lines already (tables, history).
     */
    private AttributedString wrapped(AttributedString text) {
        String plain = text.toString();
        if (plain.indexOf('\n') >= 0) {
            return text;
        }
        List<AttributedString> lines = new ArrayList<>();
        for (int[] span : lineSpans(plain, width.getAsInt())) {
            lines.add(text.subSequence(span[0], span[1]));
        }
        return AttributedString.join(AttributedString.NEWLINE, lines);
    }

    /** Where {@code text} breaks into lines of at most {@code columns}: [start, end) pairs, at spaces. */
    private static List<int[]> lineSpans(String text, int columns) {
        if (columns < MIN_WRAP_COLUMNS || text.length() <= columns) {
            return List.<int[]>of(new int[] {0, text.length()});
        }
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        while (text.length() - start > columns) {
            int end = text.lastIndexOf(' ', start + columns);
            if (end <= start) {
                end = text.indexOf(' ', start + columns);
                if (end < 0) {
                    break;
                }
            }
            spans.add(new int[] {start, end});
            start = end + 1;
        }
        spans.add(new int[] {start, text.length()});
        return spans;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asString("");
    }

    /**
     * Columns padded to their widest cell, the header dimmed. The last column wraps at word
     * boundaries to fit the width, its continuation lines indented under it, so that a long
     * description is never broken in the middle of a word by the terminal. A first cell so wide that
     * the last column would be left less than half the width (a command's full usage) stands on a
     * line of its own, the rest of its row below it.
     */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        AttributedString render(int width) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int c = 0; c < columns; c++) {
                    if (c > 0 || width <= 0 || row[c].length() + 2 <= width / 2) {
                        widths[c] = Math.max(widths[c], row[c].length());
                    }
                }
            }
            int indent = 0;
            for (int c = 0; c < columns - 1; c++) {
                indent += widths[c] + 2;
            }
            List<AttributedString> lines = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                AttributedStyle style = r == 0 ? DIM.bold() : AttributedStyle.DEFAULT;
                StringBuilder line = new StringBuilder();
                if (row[0].length() > widths[0]) {
                    lines.add(new AttributedString(row[0], style));
                    line.append(" ".repeat(widths[0] + 2));
                } else {
                    line.append(row[0]).append(" ".repeat(widths[0] - row[0].length() + 2));
                }
                for (int c = 1; c < columns - 1; c++) {
                    line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
                }
                String cell = row[columns - 1];
                List<String> last = lineSpans(cell, width - indent).stream().map(span -> cell.substring(span[0], span[1])).toList();
                lines.add(new AttributedString((line + last.get(0)).stripTrailing(), style));
                for (String more : last.subList(1, last.size())) {
                    lines.add(new AttributedString(" ".repeat(indent) + more, style));
                }
            }
            return AttributedString.join(AttributedString.NEWLINE, lines);
        }
    }
}
