package io.tavern.cli;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text from the network made safe to print on a terminal: every character a terminal acts on instead of
 * showing is shown as a visible escape, so that no server, and no player through it, can clear the screen,
 * retitle the window, ring the bell, move the cursor, fake a line of its own or reverse what follows.
 *
 * <ul>
 *   <li>C0 controls and DEL in caret notation, as {@code cat -v} and JLine show them: ESC is {@code ^[},
 *       so {@code ESC [2J} prints as {@code ^[[2J}; BEL {@code ^G}, backspace {@code ^H}, a line feed
 *       {@code ^J}, DEL {@code ^?};</li>
 *   <li>C1 controls (U+0080-U+009F, among them the one-character CSI U+009B), the bidirectional controls
 *       (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line and paragraph separators as
 *       {@code <U+202E>}.</li>
 * </ul>
 * Everything else, emoji and their joiners included, is printed as it is. A Tavern server removes all of
 * these before it sends text on; this is for any other server, and for one that errs.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every character a terminal would act on written visibly; null stays null. */
    static String visible(String text) {
        if (text == null || isInert(text)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(codePoint -> {
            if (codePoint < 0x20 || codePoint == 0x7F) {
                shown.append('^').append((char) (codePoint ^ 0x40));
            } else if (isActedOn(codePoint)) {
                shown.append(String.format("<U+%04X>", codePoint));
            } else {
                shown.appendCodePoint(codePoint);
            }
        });
        return shown.toString();
    }

    /** A copy of {@code event} with each string in it, at any depth, made {@link #visible}. */
    static ObjectNode visible(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        makeVisible(copy);
        return copy;
    }

    /** Whether a terminal would act on {@code codePoint} rather than show it, beyond C0 and DEL. */
    static boolean isActedOn(int codePoint) {
        return (codePoint >= 0x80 && codePoint <= 0x9F)
                || codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x2028 || codePoint == 0x2029;
    }

    private static boolean isInert(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || isActedOn(c)) {
                return false;
            }
        }
        return true;
    }

    private static void makeVisible(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(field);
                if (value.isString()) {
                    object.put(field, visible(value.asString()));
                } else {
                    makeVisible(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString()) {
                    array.set(i, visible(value.asString()));
                } else {
                    makeVisible(value);
                }
            }
        }
    }
}
