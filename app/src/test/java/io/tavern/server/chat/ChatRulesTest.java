package io.tavern.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChatRulesTest {

    @Test
    void theControlCharacterScanAgreesWithTheRegexForEveryCharacter() {
        Pattern control = Pattern.compile("\\p{Cc}");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "a" + c + "b";
            assertThat(ChatRules.hasControlCharacter(text)).as("U+%04X", (int) c).isEqualTo(control.matcher(text).find());
        }
    }

    @Test
    void aSurrogatePairIsNoControlCharacter() {
        assertThat(ChatRules.hasControlCharacter("ok \uD83D\uDE00")).isFalse();
    }
}
