package io.tavern.db.chat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryCursorTest {

    @Test
    void aCursorDecodesToThePositionItWasMadeFrom() {
        HistoryCursor cursor = new HistoryCursor(Instant.parse("2026-03-01T12:00:00.123Z"), 9_007_199_254_740_993L);

        String opaque = cursor.encode();

        assertThat(opaque).matches("[A-Za-z0-9_-]+");
        assertThat(HistoryCursor.decode(opaque)).isEqualTo(cursor);
    }

    @Test
    void anythingElseIsNotACursor() {
        assertThatThrownBy(() -> HistoryCursor.decode("not a cursor!")).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> HistoryCursor.decode(Base64.getUrlEncoder().encodeToString(new byte[5])))
                .isInstanceOf(InvalidCursorException.class);
        byte[] wrongVersion = new byte[17];
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> HistoryCursor.decode(Base64.getUrlEncoder().encodeToString(wrongVersion)))
                .isInstanceOf(InvalidCursorException.class);
    }
}
