package io.tavern.server.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MixedScriptsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Paris", "Москва", "Αθήνα", "東京 とうきょう トーキョー Tokyo", "北京 ㄅㄟˇ Beijing", "서울 Seoul 漢",
            "Café 42", "The Green Dragon's", "Ελλάδα 2", "٣ القاهرة ١", "Room 7½"})
    void oneScriptOrACustomaryMixIsNotConfusable(String name) {
        assertThat(MixedScripts.confusable(name)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            \u0420aris         | it mixes Latin and Cyrillic letters
            P\u0430ypal        | it mixes Latin and Cyrillic letters
            \u0391thens        | it mixes Latin and Greek letters
            Tokyo \u0420       | it mixes Latin and Cyrillic letters
            東京 서울 とうきょう   | it mixes Hangul, Hiragana and Han letters
            Room 1\uFF12       | it mixes digits of 2 numbering systems
            """)
    void scriptsThatPassForOneAnotherAreFound(String name, String why) {
        assertThat(MixedScripts.confusable(name)).hasValueSatisfying(reason -> assertThat(reason).startsWith(why));
    }
}
