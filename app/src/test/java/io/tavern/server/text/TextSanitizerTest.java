package io.tavern.server.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextSanitizerTest {

    @Test
    void printableAsciiIsLeftAsItIs() {
        String text = "Hello, world! ~ {ok} 42";
        assertThat(TextSanitizer.clean(text)).isSameAs(text);
    }

    @Test
    void noControlFormatSeparatorOrSurrogateCharacterSurvivesAnywhereInThePlane() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int type = Character.getType(c);
            boolean mustGo = type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || (type == Character.FORMAT && c != 0x200D);
            if (mustGo) {
                String text = "a" + new String(Character.toChars(c)) + "b";
                assertThat(TextSanitizer.clean(text)).as("U+%04X", c).isEqualTo("ab");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            right-to-left override           | abc\u202Edef                   | abcdef
            every bidi embedding and isolate | \u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069x | x
            bidi marks                       | a\u200Eb\u200Fc\u061Cd         | abcd
            zero-width space and joiners     | b\u200Bad w\u200Cor\u200Dd      | bad word
            word joiner and byte-order mark  | \uFEFFa\u2060b                 | ab
            soft hyphen                      | in\u00ADvisible               | invisible
            an escape sequence               | \u001B[2Jclear                 | [2Jclear
            bell, backspace, delete and C1   | a\u0007\u0008\u007F\u009B1mb   | a1mb
            Hangul fillers                   | \u3164\u115F\u1160\uFFA0name   | name
            combining grapheme joiner        | a\u034Fb                       | ab
            lone surrogates                  | a\uD800b\uDC00c                | abc
            a noncharacter                   | a\uFFFEb                       | ab
            """)
    void whatAReaderCannotSeeIsRemoved(String what, String raw, String clean) {
        assertThat(TextSanitizer.clean(raw)).isEqualTo(clean);
    }

    @Test
    void tabsAndLineBreaksAreRemovedSoATextIsOneLine() {
        assertThat(TextSanitizer.clean("one\ttwo\r\nthree\u2028four\u2029five\u0085six")).isEqualTo("onetwothreefourfivesix");
    }

    @Test
    void tagCharactersThatCouldCarryHiddenTextAreRemoved() {
        String hidden = new StringBuilder("hi").appendCodePoint(0xE0001).appendCodePoint(0xE0068).appendCodePoint(0xE0069)
                .appendCodePoint(0xE007F).toString();
        assertThat(TextSanitizer.clean(hidden)).isEqualTo("hi");
    }

    @Test
    void textIsNormalisedToNfcSoDecomposedAndComposedAccentsAreOneText() {
        assertThat(TextSanitizer.clean("Cafe\u0301")).isEqualTo("Caf\u00E9");
        assertThat(TextSanitizer.clean("e\u200B\u0301")).as("composed once the space between is gone").isEqualTo("\u00E9");
    }

    @Test
    void emojiZwjSequencesKeepTheirJoinersWithSkinTonesAndVariationSelectors() {
        String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB"; // woman, ZWJ, laptop
        String darkTechnologist = "\uD83D\uDC69\uD83C\uDFFF\u200D\uD83D\uDCBB";
        String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
        String heartOnFire = "\u2764\uFE0F\u200D\uD83D\uDD25";
        for (String emoji : new String[] {technologist, darkTechnologist, rainbowFlag, heartOnFire}) {
            assertThat(TextSanitizer.clean("gg " + emoji + "!")).isEqualTo("gg " + emoji + "!");
        }
    }

    @Test
    void aJoinerNotBetweenTwoSymbolsIsRemoved() {
        assertThat(TextSanitizer.clean("a\u200Db")).isEqualTo("ab");
        assertThat(TextSanitizer.clean("\uD83D\uDC69\u200Db")).isEqualTo("\uD83D\uDC69b");
        assertThat(TextSanitizer.clean("\u200D\uD83D\uDCBB")).isEqualTo("\uD83D\uDCBB");
        assertThat(TextSanitizer.clean("\uD83D\uDC69\u200D")).isEqualTo("\uD83D\uDC69");
        assertThat(TextSanitizer.clean("\uD83D\uDC69\u200D\u200D\uD83D\uDCBB")).isEqualTo("\uD83D\uDC69\u200D\uD83D\uDCBB");
    }

    @Test
    void oneVariationSelectorStaysAfterACharacterAndARunOfThemIsRemoved() {
        assertThat(TextSanitizer.clean("\u2764\uFE0F")).isEqualTo("\u2764\uFE0F");
        StringBuilder smuggled = new StringBuilder("\uD83D\uDE00");
        for (int i = 0; i < 16; i++) {
            smuggled.appendCodePoint(i % 2 == 0 ? 0xFE01 : 0xE0100 + i);
        }
        assertThat(TextSanitizer.clean(smuggled.toString())).isEqualTo("\uD83D\uDE00\uFE01");
        assertThat(TextSanitizer.clean("\uFE0Fstart")).isEqualTo("start");
    }

    @Test
    void cleaningTwiceChangesNothingMore() {
        String[] samples = {"a\u202Eb\u200Dc", "Cafe\u0301 \u2764\uFE0F\uFE0F", "\uD83D\uDC69\u200D\uD83D\uDCBB\u0007",
                "x\u0301\u200B\u0301", "\u1100\u200B\u1161"};
        for (String sample : samples) {
            String once = TextSanitizer.clean(sample);
            assertThat(TextSanitizer.clean(once)).as(sample).isEqualTo(once);
            assertThat(Normalizer.isNormalized(once, Normalizer.Form.NFC)).isTrue();
        }
    }

    @Test
    void nullIsEmpty() {
        assertThat(TextSanitizer.clean(null)).isEmpty();
    }
}
