package io.tavern.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Hello;
import io.tavern.protocol.v1.SendChat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

    private static final int MAX = 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel();

    FrameCodecTest() {
        FrameCodec.install(channel.pipeline(), MAX);
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private static Envelope hello() {
        return Envelope.newBuilder()
                .setRequestId(7)
                .setHello(Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT).setClientName("test"))
                .build();
    }

    @Test
    void aFrameIsParsedWhereItLiesInADirectBufferOrAcrossTheComponentsOfAComposite() throws Exception {
        byte[] body = hello().toByteArray();
        ByteBuf direct = Unpooled.directBuffer(body.length).writeBytes(body);
        CompositeByteBuf halves = Unpooled.compositeBuffer()
                .addComponent(true, Unpooled.wrappedBuffer(body, 0, body.length / 2))
                .addComponent(true, Unpooled.wrappedBuffer(body, body.length / 2, body.length - body.length / 2));
        try {
            assertThat(Frames.parseBody(direct)).isEqualTo(hello());
            assertThat(Frames.parseBody(halves)).isEqualTo(hello());
            assertThat(direct.readableBytes()).as("the indices are left alone").isEqualTo(body.length);
            assertThat(halves.readableBytes()).isEqualTo(body.length);
        } finally {
            direct.release();
            halves.release();
        }
    }

    @Test
    void anEnvelopeWrittenIsAFourByteBigEndianLengthThenItsBytes() {
        Envelope hello = hello();
        channel.writeOutbound(hello);
        ByteBuf frame = channel.readOutbound();
        try {
            assertThat(frame.readInt()).isEqualTo(hello.getSerializedSize());
            byte[] body = new byte[frame.readableBytes()];
            frame.readBytes(body);
            assertThat(body).isEqualTo(hello.toByteArray());
        } finally {
            frame.release();
        }
    }

    @Test
    void framesEncodedByFramesEncodeDecodeBackToTheSameEnvelope() {
        Envelope chat = Envelope.newBuilder().setRequestId(9)
                .setSendChat(SendChat.newBuilder().setScope(ChatScope.LOBBY).setText("héllo wörld"))
                .build();
        channel.writeInbound(Frames.encode(channel.alloc(), chat));
        assertThat((Envelope) channel.readInbound()).isEqualTo(chat);
    }

    @Test
    void framesSplitAcrossReadsAndSeveralFramesInOneReadAreBothDecoded() {
        ByteBuf both = Unpooled.buffer();
        for (int i = 1; i <= 2; i++) {
            ByteBuf frame = Frames.encode(channel.alloc(), hello().toBuilder().setRequestId(i).build());
            both.writeBytes(frame);
            frame.release();
        }
        channel.writeInbound(both.readRetainedSlice(3));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(both.readRetainedSlice(both.readableBytes()));
        both.release();
        assertThat(((Envelope) channel.readInbound()).getRequestId()).isEqualTo(1);
        assertThat(((Envelope) channel.readInbound()).getRequestId()).isEqualTo(2);
    }

    @Test
    void aZeroLengthFrameIsAnEmptyEnvelope() {
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        Envelope empty = channel.readInbound();
        assertThat(empty.getBodyCase()).isEqualTo(Envelope.BodyCase.BODY_NOT_SET);
    }

    @Test
    void aLengthOverTheMaximumFailsBeforeTheBodyArrives() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(MAX + 1)))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aFrameOfExactlyTheMaximumIsAccepted() {
        ByteBuf frame = Unpooled.buffer().writeInt(MAX).writeZero(MAX);
        // MAX zero bytes are not a valid Envelope (field 0), but the length itself is accepted.
        assertThatThrownBy(() -> channel.writeInbound(frame))
                .isInstanceOf(DecoderException.class)
                .isNotInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aLengthWithTheTopBitSetIsTooLongNotNegative() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(0xFFFF_FFF0)))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void bytesThatAreNotAnEnvelopeFailAsADecoderException() {
        ByteBuf garbage = Unpooled.buffer().writeInt(4).writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
        assertThatThrownBy(() -> channel.writeInbound(garbage)).isInstanceOf(DecoderException.class);
    }

    @Test
    void aFrameCutShortWhenTheStreamEndsIsReportedAsTruncated() {
        channel.writeInbound(Unpooled.buffer().writeInt(100).writeZero(10));
        assertThatThrownBy(channel::finish).isInstanceOf(TruncatedFrameException.class);
    }

    @Test
    void aStreamThatEndsBetweenFramesIsClean() {
        channel.writeInbound(Frames.encode(channel.alloc(), hello()));
        assertThat(channel.finish()).isTrue(); // the decoded envelope is still readable
        assertThat((Envelope) channel.readInbound()).isEqualTo(hello());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, 16_383, 16_384, 1L << 35, Long.MAX_VALUE, -1})
    void theHandWrittenAckIsByteForByteTheEncodedOne(long requestId) {
        ByteBuf byHand = Frames.ack(channel.alloc(), requestId);
        ByteBuf encoded = Frames.encode(channel.alloc(), Envelopes.ack(requestId));
        try {
            assertThat(ByteBufUtil.getBytes(byHand)).isEqualTo(ByteBufUtil.getBytes(encoded));
        } finally {
            byHand.release();
            encoded.release();
        }
    }
}
