package io.tavern.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line the user typed or a script holds: a slash command, or chat. A line that starts with
 * {@code //} is chat starting with {@code /}, so any text can be said.
 *
 * <p>A command's arguments are split at whitespace, except inside double quotes: {@code /join "My
 * Room"} has one argument, {@code My Room}. Chat is never split or unquoted: it is said as typed.
 */
public sealed interface InputLine {

    /** Text to say in the current room, or in the lobby. */
    record Chat(String text) implements InputLine {
    }

    /**
     * A command and its arguments; {@code raw} keeps the line as typed so that free text (a whisper,
     * a kick reason) keeps its spacing and quotes, see {@link #textAfter}.
     */
    record Command(String name, List<String> args, String raw) implements InputLine {

        public String arg(int index) {
            return index < args.size() ? args.get(index) : null;
        }

        /** The raw text after the command name and its first {@code skipArgs} arguments. */
        public String textAfter(int skipArgs) {
            int pos = skipWord(raw, 0); // the command name
            for (int i = 0; i < skipArgs; i++) {
                pos = skipWord(raw, pos);
            }
            return raw.substring(Math.min(pos, raw.length())).strip();
        }

        /**
         * Whether an argument is a password option ({@code --password}, {@code --password=...}, any
         * {@code --pass...} spelling): such a line is kept out of the history, whatever the command
         * makes of it, so a mistyped one is kept out too.
         */
        public boolean carriesPassword() {
            return args.stream().anyMatch(arg -> arg.toLowerCase(Locale.ROOT).startsWith("--pass"));
        }
    }

    /** Nothing to do: an empty or blank line. */
    record Blank() implements InputLine {
    }

    static InputLine parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new Blank();
        }
        if (trimmed.startsWith("//")) {
            return new Chat(trimmed.substring(1));
        }
        if (!trimmed.startsWith("/")) {
            return new Chat(trimmed);
        }
        List<String> words = words(trimmed);
        String name = words.remove(0);
        return new Command(name.toLowerCase(Locale.ROOT), List.copyOf(words), trimmed);
    }

    /**
     * Whitespace-separated words; a double-quoted stretch belongs to its word, spaces and all, without
     * its quotes. An unclosed quote runs to the end of the line.
     */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Past the word at {@code from} (after any whitespace before it), honouring quotes like {@link #words}. */
    private static int skipWord(String s, int from) {
        int pos = from;
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        boolean quoted = false;
        while (pos < s.length() && (quoted || !Character.isWhitespace(s.charAt(pos)))) {
            if (s.charAt(pos) == '"') {
                quoted = !quoted;
            }
            pos++;
        }
        return pos;
    }
}
