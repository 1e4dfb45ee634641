package io.tavern.server.text;

import java.text.Normalizer;

/**
 * Makes text one player sends to others safe to show: what every chat line, kick reason, room name,
 * room metadata key and value, and operator's announcement or reason goes through first, before any
 * length limit, rule or word filter looks at it. Stateless and thread-safe.
 *
 * <p>The text is stripped of what a reader cannot see but a screen or a filter acts on, then normalised
 * to NFC (so "é" typed as e + U+0301 and as U+00E9 is one text, one room name, one filtered word):
 * <ul>
 *   <li>every control character (Cc): escape sequences, bells, backspaces, and also tab and line breaks,
 *       so text is one line (U+2028 and U+2029, the Unicode line and paragraph separators, too);</li>
 *   <li>every format character (Cf): the bidirectional embeddings, overrides and isolates
 *       (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F, U+061C) that reorder what is shown, the
 *       zero-width space and joiners, the word joiner, the byte-order mark, the soft hyphen, the tag
 *       characters (U+E0000-U+E007F, which can carry hidden ASCII);</li>
 *   <li>the other default-ignorable code points, which render as nothing: the Hangul fillers
 *       (U+115F, U+1160, U+3164, U+FFA0, letters that make blank names), the combining grapheme joiner,
 *       the Khmer inherent vowels, U+FFF0-U+FFF8; and lone surrogates and noncharacters.</li>
 * </ul>
 *
 * <p>Two things that are invisible stay, where emoji need them and nothing can hide in them:
 * <ul>
 *   <li>a ZERO WIDTH JOINER (U+200D) between two symbols, as in the emoji sequences 👩‍💻 and 🏳️‍🌈 (a
 *       variation selector or skin tone after the first symbol is looked past). Between letters it is
 *       removed: there it could split a filtered word or make two names differ invisibly;</li>
 *   <li>one variation selector (U+FE00-U+FE0F, U+E0100-U+E01EF, the Mongolian ones) right after a visible
 *       character, as in ❤️ (U+2764 U+FE0F) or a kanji's variant. A second in a row is removed: a run of
 *       them is how data is smuggled invisibly after an emoji.</li>
 * </ul>
 * Flags of subdivisions (England's, Scotland's), which are spelt with tag characters, become a plain black
 * flag. Outer whitespace is left to the caller, which strips it as its rule says.
 */
public final class TextSanitizer {

    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private TextSanitizer() {
    }

    /** {@code raw} without invisible and control characters, in NFC; "" for null. */
    public static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        if (isPrintableAscii(raw)) {
            return raw; // the common case, and a hot one (every chat line): nothing to remove, already NFC
        }
        StringBuilder kept = new StringBuilder(raw.length());
        int previous = -1; // the last code point kept
        int previousBase = -1; // the last code point kept that is not a variation selector or an emoji modifier
        for (int i = 0; i < raw.length(); ) {
            int codePoint = raw.codePointAt(i);
            i += Character.charCount(codePoint);
            boolean keep;
            if (codePoint == ZERO_WIDTH_JOINER) {
                keep = isSymbol(previousBase) && i < raw.length() && isSymbol(raw.codePointAt(i));
            } else if (isVariationSelector(codePoint)) {
                keep = previous != -1 && previous == previousBase && previous != ZERO_WIDTH_JOINER; // one, after a character
            } else {
                keep = !isInvisible(codePoint);
            }
            if (keep) {
                kept.appendCodePoint(codePoint);
                previous = codePoint;
                if (!isVariationSelector(codePoint) && !isEmojiModifier(codePoint)) {
                    previousBase = codePoint;
                }
            }
        }
        return Normalizer.normalize(kept, Normalizer.Form.NFC);
    }

    /** Whether every character is in U+0020..U+007E: such a text needs no cleaning. */
    static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Removed wherever it stands (the joiner and the variation selectors have rules of their own). */
    static boolean isInvisible(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                return true;
            }
            default -> {
                return isOtherDefaultIgnorable(codePoint) || isNoncharacter(codePoint);
            }
        }
    }

    /**
     * The Default_Ignorable_Code_Points (Unicode's DerivedCoreProperties.txt) that are neither format
     * characters nor variation selectors: letters and marks that render as nothing, and the code points
     * reserved to be ignorable.
     */
    private static boolean isOtherDefaultIgnorable(int codePoint) {
        return codePoint == 0x034F // COMBINING GRAPHEME JOINER
                || codePoint == 0x115F || codePoint == 0x1160 // HANGUL CHOSEONG / JUNGSEONG FILLER
                || codePoint == 0x17B4 || codePoint == 0x17B5 // KHMER VOWEL INHERENT AQ / AA
                || codePoint == 0x2065 // reserved among the invisible operators
                || codePoint == 0x3164 // HANGUL FILLER
                || codePoint == 0xFFA0 // HALFWIDTH HANGUL FILLER
                || (codePoint >= 0xFFF0 && codePoint <= 0xFFF8) // reserved before the specials
                || (codePoint >= 0xE0000 && codePoint <= 0xE0FFF && !isVariationSelector(codePoint)); // tags, reserved
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    static boolean isVariationSelector(int codePoint) {
        return (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
                || (codePoint >= 0x180B && codePoint <= 0x180D) || codePoint == 0x180F; // Mongolian
    }

    /** The five skin tones, which follow the emoji they colour. */
    private static boolean isEmojiModifier(int codePoint) {
        return codePoint >= 0x1F3FB && codePoint <= 0x1F3FF;
    }

    /** What a ZERO WIDTH JOINER may join: the emoji of a ZWJ sequence are all symbols (So). */
    private static boolean isSymbol(int codePoint) {
        return codePoint >= 0 && Character.getType(codePoint) == Character.OTHER_SYMBOL;
    }
}
