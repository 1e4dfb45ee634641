package io.tavern.db.chat;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryCursorTest {

    @Test
    void aCursorDecodesToThePositionItWasMadeFrom() {
        HistoryCursor cursor = new HistoryCursor(0x7edc_ba98_7654_3210L);

        String opaque = cursor.encode();

        assertThat(opaque).matches("[A-Za-z0-9_-]+");
        assertThat(HistoryCursor.decode(opaque)).isEqualTo(cursor);
    }

    @Test
    void aCursorAClientGotBeforeIdsBecameUniqueStillPagesFromItsId() {
        byte[] version1 = ByteBuffer.allocate(17).put((byte) 1).putLong(1_772_366_400_123L).putLong(1_814_903_193_726_977L)
                .array();

        assertThat(HistoryCursor.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(version1)))
                .isEqualTo(new HistoryCursor(1_814_903_193_726_977L));
    }

    @Test
    void anythingElseIsNotACursor() {
        assertThatThrownBy(() -> HistoryCursor.decode("not a cursor!")).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> HistoryCursor.decode(Base64.getUrlEncoder().encodeToString(new byte[5])))
                .isInstanceOf(InvalidCursorException.class);
        byte[] wrongVersion = new byte[9];
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> HistoryCursor.decode(Base64.getUrlEncoder().encodeToString(wrongVersion)))
                .isInstanceOf(InvalidCursorException.class);
    }
}
