package io.tavern.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class BenchPartsTest {

    @Test
    void aBenchTextCarriesRoomSenderSequenceAndSendTimeWhereAReceiverReadsThemInPlace() {
        byte[] text = BenchText.template(0x12345, 7, 64);
        byte[] frame = new byte[2 + text.length];
        System.arraycopy(text, 0, frame, 2, text.length);
        BenchText.stamp(frame, 2, true, 42, -123_456_789L);
        text = Arrays.copyOfRange(frame, 2, frame.length);

        BenchText reader = new BenchText();
        assertThat(reader.read(frame, 2, text.length)).isTrue();

        assertThat(new String(text, StandardCharsets.US_ASCII)).hasSize(64).startsWith("tvb3Maaabcdef");
        assertThat(reader.measured()).isTrue();
        assertThat(reader.room()).isEqualTo(0x12345);
        assertThat(reader.slot()).isEqualTo(7);
        assertThat(reader.sequence()).isEqualTo(42);
        assertThat(reader.sentNanos()).isEqualTo(-123_456_789L);

        BenchText.stamp(text, 0, false, 43, 5);
        assertThat(reader.read(text, 0, text.length)).isTrue();
        assertThat(reader.measured()).isFalse();
        assertThat(reader.sequence()).isEqualTo(43);
    }

    @Test
    void aTextThatIsNotABenchmarkOneIsNotRead() {
        BenchText reader = new BenchText();
        byte[] good = BenchText.template(1, 1, 60);
        byte[] badDigit = good.clone();
        badDigit[20] = (byte) '0';
        byte[] badFlag = good.clone();
        badFlag[4] = 'X';
        byte[] pastP = good.clone();
        pastP[50] = 'q';
        byte[] beforeA = good.clone();
        beforeA[30] = '`';

        assertThat(reader.read(good, 0, good.length)).isTrue();
        assertThat(reader.read(badDigit, 0, badDigit.length)).isFalse();
        assertThat(reader.read(badFlag, 0, badFlag.length)).isFalse();
        assertThat(reader.read(pastP, 0, pastP.length)).isFalse();
        assertThat(reader.read(beforeA, 0, beforeA.length)).isFalse();
        byte[] hello = "hello, this is a person typing, and a long enough line".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(hello, 0, hello.length)).isFalse();
        assertThat(reader.read(good, 0, BenchText.HEADER_BYTES - 1)).isFalse();
        assertThatThrownBy(() -> BenchText.template(1, 1, BenchText.HEADER_BYTES - 1)).hasMessageContaining("at least");
    }

    @Test
    void aSendChatFrameIsWhatProtobufDecodesAsARoomChatWithTheStampedRequestIdAndText() throws Exception {
        SendChatFrame frame = new SendChatFrame(3, 2, 64);

        for (long sequence : new long[] {0, 1, 1_000_000, BenchText.MAX_SEQUENCE - 1}) {
            boolean measured = sequence % 2 == 1;
            ByteBuf buf = Unpooled.buffer();
            frame.writeTo(buf, sequence, measured, 999L);
            try {
                assertThat(buf.readableBytes()).isEqualTo(frame.length());
                assertThat(buf.readInt()).isEqualTo(buf.readableBytes());
                Envelope envelope = Envelope.parseFrom(buf.nioBuffer());
                long requestId = envelope.getRequestId();
                assertThat(SendChatFrame.isChat(requestId)).isTrue();
                assertThat(SendChatFrame.isMeasured(requestId)).isEqualTo(measured);
                assertThat(requestId & (SendChatFrame.MEASURED - 1)).isEqualTo(sequence);
                assertThat(envelope.getSendChat().getScope()).isEqualTo(ChatScope.ROOM);
                byte[] text = envelope.getSendChat().getText().getBytes(StandardCharsets.US_ASCII);
                assertThat(text).hasSize(64);
                BenchText reader = new BenchText();
                assertThat(reader.read(text, 0, text.length)).isTrue();
                assertThat(reader.room()).isEqualTo(3);
                assertThat(reader.slot()).isEqualTo(2);
                assertThat(reader.sequence()).isEqualTo(sequence);
                assertThat(reader.measured()).isEqualTo(measured);
                assertThat(reader.sentNanos()).isEqualTo(999L);
            } finally {
                buf.release();
            }
        }
        assertThat(SendChatFrame.isChat(1)).isFalse();
        assertThat(SendChatFrame.isChat(SendChatFrame.CHAT_REQUEST << 1)).isFalse();
    }

    @Test
    void bindAddressRangesExpandAndAreHandedOutInTurn() {
        BindAddresses addresses = BindAddresses.parse("127.0.0.1-3, 127.0.1.9");

        assertThat(addresses.all()).extracting(a -> a.getHostAddress())
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.1.9");
        assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(BindAddresses.parse("127.0.0.1-127.0.0.200").all()).hasSize(200);
        assertThat(BindAddresses.none().next()).isNull();
    }

    @Test
    void badBindAddressesAreRefused() {
        assertThatThrownBy(() -> BindAddresses.parse("127.0.0.9-127.0.0.1")).hasMessageContaining("upwards");
        assertThatThrownBy(() -> BindAddresses.parse("127.0.0.1-127.0.1.1")).hasMessageContaining("last octet");
        assertThatThrownBy(() -> BindAddresses.parse("127.0.0.256")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BindAddresses.parse("localhost")).hasMessageContaining("IPv4");
    }

    @Test
    void theJitHasSettledOnceItsCompilersTookUnderTheThresholdOfTheServersCpuTwoStepsInARow() {
        // Server CPU and compiler CPU so far, in ms; a step's share is the compilers' part of the server's.
        JitSettling jit = new JitSettling(0.03, sample(0, 0));

        assertThat(jit.settledAfter(sample(1_000, 300))).as("30 %").isFalse();
        assertThat(jit.lastShare()).isCloseTo(0.3, within(1e-9));
        assertThat(jit.settledAfter(sample(2_000, 310))).as("1 %: one step under").isFalse();
        assertThat(jit.settledAfter(sample(3_000, 410))).as("10 %: the count starts again").isFalse();
        assertThat(jit.settledAfter(sample(4_000, 420))).as("1 %").isFalse();
        assertThat(jit.settledAfter(sample(5_000, 440))).as("2 %: two in a row").isTrue();
    }

    @Test
    void aCompilerThreadThatEndedCountsAsNoCompilingAndAnIdleServerAsSettledWhileUnreadableCompilersAreNotMeasured() {
        JitSettling jit = new JitSettling(0.03, sample(0, 500));

        // A compiler thread ended, its 400 ms gone from the sum: that step compiled nothing, not -40 %.
        assertThat(jit.settledAfter(sample(1_000, 100))).isFalse();
        assertThat(jit.lastShare()).isZero();
        assertThat(jit.settledAfter(sample(1_000, 100))).as("no CPU at all in the step").isTrue();
        assertThat(JitSettling.measurable(sample(1_000, 0))).isTrue();
        assertThat(JitSettling.measurable(new ProcFs.Sample(0, 0, 1_000, -1, 0, 0, 0))).isFalse();
        assertThatThrownBy(() -> new JitSettling(0, sample(0, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JitSettling(1.5, sample(0, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJvmsCompilerThreadsAreReadFromProcAsAPartOfItsCpuAndAProcessThatIsGoneAsUnknown() {
        long self = ProcessHandle.current().pid();
        long compilers = ProcFs.compilerCpuNanos(self);
        long all = ProcFs.cpuNanos(self);

        assertThat(compilers).isBetween(0L, all);
        assertThat(ProcFs.compilerCpuNanos(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void threadsThatWaitForEachOthersHandOffsGoToSleepAndProcCountsTheirSleepsForTheirProcess() throws Exception {
        int roundTrips = 1_000;
        BlockingQueue<Integer> ping = new ArrayBlockingQueue<>(1);
        BlockingQueue<Integer> pong = new ArrayBlockingQueue<>(1);
        Thread echo = new Thread(() -> {
            try {
                for (int i = ping.take(); i >= 0; i = ping.take()) {
                    pong.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "echo");
        long self = ProcessHandle.current().pid();
        echo.start();
        long before = ProcFs.sleeps(self);

        for (int i = 0; i < roundTrips; i++) {
            ping.put(i);
            assertThat(pong.take()).isEqualTo(i);
        }
        // Read while the echo is alive: a thread that has ended takes its count with it.
        long after = ProcFs.sleeps(self);
        ping.put(-1);
        echo.join();

        assertThat(before).isNotNegative();
        // An ArrayBlockingQueue parks a taker that finds it empty, at once. In each round trip one of the two
        // finds its queue empty, unless the other answered while it was between its put and its take: so
        // nearly a sleep per round trip, and never too few to count half of them.
        assertThat(after - before).as("sleeps over %d round trips", roundTrips).isGreaterThanOrEqualTo(roundTrips / 2);
        assertThat(ProcFs.sleeps(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void theServersSleepsInTheWindowAreCountedPerMessageSentAndAreUnknownWhenAnEndedThreadTookMoreWithIt() {
        ProcFs.Sample start = new ProcFs.Sample(0, 0, 0, 0, 1_000, 0, 0);

        BenchReport.Cpu counted = BenchReport.Cpu.of(start, new ProcFs.Sample(1_000_000_000, 0, 0, 0, 4_000, 0, 0), 42);
        assertThat(counted.serverSleeps()).isEqualTo(3_000);
        assertThat(counted.serverSleepsPerMessage(1_500)).isEqualTo(2.0);
        assertThat(counted.serverSleepsPerMessage(0)).as("no message sent").isNull();

        BenchReport.Cpu fewer = BenchReport.Cpu.of(start, new ProcFs.Sample(1_000_000_000, 0, 0, 0, 900, 0, 0), 42);
        assertThat(fewer.serverSleeps()).isEqualTo(-1);
        assertThat(fewer.serverSleepsPerMessage(1_500)).isNull();
        assertThat(BenchReport.Cpu.UNMEASURED.serverSleepsPerMessage(1_500)).isNull();
    }

    private static ProcFs.Sample sample(long serverCpuMillis, long compilerCpuMillis) {
        return new ProcFs.Sample(0, 0, serverCpuMillis * 1_000_000, compilerCpuMillis * 1_000_000, 0, 0, 0);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }
}
