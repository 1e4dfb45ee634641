package io.tavern.server.chat;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.config.TavernProperties;
import io.tavern.server.text.TextSanitizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule a chat text must pass, in one place and in this order: cleaned first ({@link TextSanitizer}:
 * control, bidirectional and invisible characters removed, NFC), outer whitespace stripped, not empty, not
 * too long, and the word filter (mask or reject), which thus sees the text as it will be shown: a zero-width
 * space or a decomposed accent cannot slip a word past it. Stateless and thread-safe.
 */
public final class ChatRules {

    /** The outcome: the text to deliver, or the error to answer with. */
    public record Verdict(String text, ErrorCode error, String reason) {
        static Verdict accept(String text) {
            return new Verdict(text, null, null);
        }

        static Verdict refuse(ErrorCode error, String reason) {
            return new Verdict(null, error, reason);
        }

        public boolean accepted() {
            return error == null;
        }
    }

    private final int maxLength;
    private final Pattern filter;
    private final TavernProperties.Chat.FilterMode filterMode;

    public ChatRules(TavernProperties.Chat config) {
        this.maxLength = config.maxLength();
        this.filterMode = config.wordFilter().mode();
        this.filter = compile(config.wordFilter().words());
    }

    public int maxLength() {
        return maxLength;
    }

    public Verdict check(String raw) {
        String text = TextSanitizer.clean(raw).strip();
        if (text.isEmpty()) {
            return Verdict.refuse(ErrorCode.EMPTY_MESSAGE, "the message is empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            return Verdict.refuse(ErrorCode.MESSAGE_TOO_LONG,
                    "the message has " + length + " characters; the limit is " + maxLength);
        }
        if (filter == null) {
            return Verdict.accept(text);
        }
        Matcher matcher = filter.matcher(text);
        if (!matcher.find()) {
            return Verdict.accept(text);
        }
        if (filterMode == TavernProperties.Chat.FilterMode.REJECT) {
            return Verdict.refuse(ErrorCode.MESSAGE_REJECTED, "the message contains a filtered word");
        }
        return Verdict.accept(matcher.replaceAll(match -> "*".repeat(match.group().length())));
    }

    private static Pattern compile(List<String> words) {
        List<String> quoted = words.stream()
                .map(word -> TextSanitizer.clean(word).strip()) // as the texts it is matched against
                .filter(word -> !word.isEmpty())
                .map(word -> Pattern.quote(word.toLowerCase(Locale.ROOT)))
                .toList();
        if (quoted.isEmpty()) {
            return null;
        }
        return Pattern.compile("\\b(?:" + String.join("|", quoted) + ")\\b",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
