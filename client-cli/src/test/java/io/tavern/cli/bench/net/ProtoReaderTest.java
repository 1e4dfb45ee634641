package io.tavern.cli.bench.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.protocol.v1.ChatMessage;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Limits;
import io.tavern.protocol.v1.Welcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

    @Test
    void readsTheFieldsOfAMessageWhereTheyLieAndStepsOverTheOthers() {
        Envelope sent = Envelope.newBuilder().setRequestId(300).setChatMessage(ChatMessage.newBuilder()
                .setId(1L << 40).setScope(ChatScope.ROOM).setRoomId("r1").setFrom("ann").setText("héllo").setSentAtMs(-5))
                .build();
        byte[] encoded = sent.toByteArray();
        byte[] buf = new byte[encoded.length + 2];
        System.arraycopy(encoded, 0, buf, 2, encoded.length);
        ProtoReader envelope = new ProtoReader().reset(buf, 2, buf.length);

        assertThat(envelope.next()).isTrue();
        assertThat(envelope.field()).isEqualTo(Envelope.REQUEST_ID_FIELD_NUMBER);
        assertThat(envelope.varint()).isEqualTo(300);
        assertThat(envelope.next()).isTrue();
        assertThat(envelope.field()).isEqualTo(Envelope.CHAT_MESSAGE_FIELD_NUMBER);
        assertThat(envelope.next()).isFalse();

        ProtoReader message = new ProtoReader().reset(buf, envelope.start(), envelope.start() + envelope.length());
        long id = 0;
        long sentAt = 0;
        String text = null;
        int fields = 0;
        while (message.next()) {
            fields++;
            switch (message.field()) {
                case ChatMessage.ID_FIELD_NUMBER -> id = message.varint();
                case ChatMessage.TEXT_FIELD_NUMBER -> text = new String(buf, message.start(), message.length(), StandardCharsets.UTF_8);
                case ChatMessage.SENT_AT_MS_FIELD_NUMBER -> sentAt = message.varint();
                default -> { }
            }
        }
        assertThat(fields).isEqualTo(6);
        assertThat(id).isEqualTo(1L << 40);
        assertThat(text).isEqualTo("héllo");
        assertThat(sentAt).isEqualTo(-5);
    }

    @Test
    void fixedWidthFieldsAreSteppedOver() {
        Envelope sent = Envelope.newBuilder().setRequestId(2).setWelcome(Welcome.newBuilder()
                .setLimits(Limits.newBuilder().setChatRatePerSecond(2.5).setMaxFrameBytes(7))).build();
        byte[] buf = sent.toByteArray();
        ProtoReader envelope = new ProtoReader().reset(buf, 0, buf.length);
        envelope.next();
        envelope.next();
        ProtoReader welcome = new ProtoReader().reset(buf, envelope.start(), envelope.start() + envelope.length());
        welcome.next();
        ProtoReader limits = new ProtoReader().reset(buf, welcome.start(), welcome.start() + welcome.length());

        assertThat(limits.next()).isTrue();
        assertThat(limits.varint()).isEqualTo(7);
        assertThat(limits.next()).isTrue();
        assertThat(limits.field()).isEqualTo(Limits.CHAT_RATE_PER_SECOND_FIELD_NUMBER);
        assertThat(limits.next()).isFalse();
    }

    @Test
    void bytesThatAreNotProtobufAreRefusedWithoutReadingPastTheMessage() {
        byte[] lengthPastTheEnd = {(byte) 0xFA, 0x01, 0x10, 1, 2, 3, 4};
        byte[] cutVarint = {0x08, (byte) 0x80};
        byte[] groupWireType = {0x0B};
        byte[] fieldZero = {0x00, 0x01};

        assertThatThrownBy(() -> new ProtoReader().reset(lengthPastTheEnd, 0, 7).next()).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> new ProtoReader().reset(cutVarint, 0, 2).next()).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> new ProtoReader().reset(groupWireType, 0, 1).next()).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> new ProtoReader().reset(fieldZero, 0, 2).next()).isInstanceOf(MalformedFrameException.class);
    }
}
