package io.tavern.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One line the user typed or a script holds: a slash command, or chat. A line that starts with
 * {@code //} is chat starting with {@code /}, so any text can be said.
 */
public sealed interface InputLine {

    /** Text to say in the current room, or in the lobby. */
    record Chat(String text) implements InputLine {
    }

    /**
     * A command and its whitespace-separated arguments; {@code raw} keeps the line as typed so
     * that free text (a whisper, a kick reason) keeps its spacing, see {@link #textAfter}.
     */
    record Command(String name, List<String> args, String raw) implements InputLine {

        public String arg(int index) {
            return index < args.size() ? args.get(index) : null;
        }

        /** The raw text after the command name and its first {@code skipArgs} arguments. */
        public String textAfter(int skipArgs) {
            int pos = skipToken(raw, 0); // the command name
            for (int i = 0; i < skipArgs; i++) {
                pos = skipToken(raw, pos);
            }
            return raw.substring(Math.min(pos, raw.length())).strip();
        }

        private static int skipToken(String s, int from) {
            int pos = from;
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            return pos;
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
        List<String> tokens = new ArrayList<>(List.of(trimmed.split("\\s+")));
        String name = tokens.remove(0);
        return new Command(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(tokens), trimmed);
    }
}
