package io.tavern.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchPartsTest {

    @Test
    void aBenchMessageCarriesItsSendTimeAndMeasuredFlagAtTheRequestedSize() {
        String measured = BenchMessage.encode(7, 42, 123_456_789L, true, 100);
        String warmup = BenchMessage.encode(7, 43, 5L, false, 10);

        assertThat(measured).hasSize(100).startsWith("tvb|7|42|123456789|1|");
        assertThat(BenchMessage.measuredSentNanos(measured)).isEqualTo(123_456_789L);
        assertThat(BenchMessage.measuredSentNanos(warmup)).isEqualTo(BenchMessage.NOT_MEASURED);
        assertThat(BenchMessage.measuredSentNanos("hello")).isEqualTo(BenchMessage.NOT_BENCH);
        assertThat(BenchMessage.measuredSentNanos("tvb|1|2")).isEqualTo(BenchMessage.NOT_BENCH);
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
    void durationsReadAsPeopleWriteThem() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }
}
