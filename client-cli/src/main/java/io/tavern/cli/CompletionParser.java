package io.tavern.cli;

import java.util.List;
import java.util.regex.Pattern;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * How JLine splits the chat line into words. Chat is free text, so quotes and backslashes are never
 * parsed: what is typed is what is said. And a room name may hold spaces, so for tab completion
 * the whole text after a command that takes a room ({@code /join}) is one word, up to the cursor:
 * {@code /join My R<Tab>} completes to {@code /join My Room}.
 */
final class CompletionParser implements Parser {

    /** An option starts the text after the room name: past it, the name is not being typed. */
    private static final Pattern OPTION = Pattern.compile("(^|\\s)--");

    private final DefaultParser words = new DefaultParser();

    CompletionParser() {
        words.setQuoteChars(new char[0]);
        words.setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        ParsedLine parsed = words.parse(line, cursor, context);
        if (context != ParseContext.COMPLETE || parsed.wordIndex() < 1) {
            return parsed;
        }
        String command = parsed.words().get(0);
        boolean takesRoom = CommandCatalog.byName(command)
                .map(c -> c.completes() == CommandCatalog.Completes.ROOMS).orElse(false);
        int start = line.indexOf(command) + command.length();
        while (start < cursor && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        String name = line.substring(Math.min(start, cursor), cursor);
        if (!takesRoom || OPTION.matcher(name).find()) {
            return parsed;
        }
        return words.new ArgumentList(line, List.of(command, name), 1, name.length(), cursor,
                null, name.length(), name.length());
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }
}
