package io.tavern.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.config.TavernProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat rules see the text as it will be shown: cleaned first, then measured and filtered. */
class ChatRulesTest {

    private static ChatRules rules(int maxLength, TavernProperties.Chat.FilterMode mode, String... words) {
        return new ChatRules(new TavernProperties.Chat(maxLength, new TavernProperties.Chat.RateLimit(5, 10),
                new TavernProperties.Chat.WordFilter(List.of(words), mode),
                new TavernProperties.Chat.Admission(org.springframework.util.unit.DataSize.ofKilobytes(64),
                        java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(2), 50)));
    }

    @Test
    void bidiOverridesAndInvisibleCharactersAreGoneBeforeAnyRule() {
        ChatRules.Verdict verdict = rules(500, TavernProperties.Chat.FilterMode.MASK).check("  hi\u202E there\u200B \u0007");
        assertThat(verdict.text()).isEqualTo("hi there");
    }

    @Test
    void aTextOfOnlyInvisibleCharactersIsEmpty() {
        ChatRules.Verdict verdict = rules(500, TavernProperties.Chat.FilterMode.MASK).check("\u200B\u202E\u2066 \uFEFF");
        assertThat(verdict.error()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
    }

    @Test
    void theLengthLimitCountsTheCleanedText() {
        String padded = "x".repeat(10) + "\u200B".repeat(50);
        assertThat(rules(10, TavernProperties.Chat.FilterMode.MASK).check(padded).text()).isEqualTo("x".repeat(10));
        assertThat(rules(9, TavernProperties.Chat.FilterMode.MASK).check(padded).error()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
    }

    @Test
    void aZeroWidthCharacterCannotSlipAWordPastTheFilter() {
        ChatRules mask = rules(500, TavernProperties.Chat.FilterMode.MASK, "darn");
        assertThat(mask.check("oh d\u200Ba\u200Crn it").text()).isEqualTo("oh **** it");
        assertThat(mask.check("oh D\u2060ARN").text()).isEqualTo("oh ****");
        ChatRules reject = rules(500, TavernProperties.Chat.FilterMode.REJECT, "darn");
        assertThat(reject.check("d\u00ADarn").error()).isEqualTo(ErrorCode.MESSAGE_REJECTED);
    }

    @Test
    void aDecomposedAccentMatchesAComposedFilterWordAndTheOtherWayRound() {
        ChatRules composed = rules(500, TavernProperties.Chat.FilterMode.REJECT, "caf\u00E9");
        assertThat(composed.check("a cafe\u0301 here").error()).isEqualTo(ErrorCode.MESSAGE_REJECTED);
        ChatRules decomposed = rules(500, TavernProperties.Chat.FilterMode.REJECT, "cafe\u0301");
        assertThat(decomposed.check("a caf\u00E9 here").error()).isEqualTo(ErrorCode.MESSAGE_REJECTED);
    }
}
