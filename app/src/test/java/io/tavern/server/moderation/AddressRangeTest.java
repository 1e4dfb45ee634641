package io.tavern.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no DNS
    }

    @Test
    void oneAddressIsTheRangeOfItself() throws Exception {
        AddressRange one = AddressRange.parse("127.0.0.1");

        assertThat(one.key()).isEqualTo("127.0.0.1/32");
        assertThat(one.contains(address("127.0.0.1"))).isTrue();
        assertThat(one.contains(address("127.0.0.2"))).isFalse();
    }

    @Test
    void anIpv4RangeHoldsTheAddressesThatShareItsPrefixAndIsKeptWithHostBitsCleared() throws Exception {
        AddressRange range = AddressRange.parse("192.0.2.77/24");

        assertThat(range.key()).isEqualTo("192.0.2.0/24");
        assertThat(range.contains(address("192.0.2.255"))).isTrue();
        assertThat(range.contains(address("192.0.3.1"))).isFalse();
        assertThat(range.contains(address("::ffff:192.0.2.9"))).as("IPv4 written as IPv6").isTrue();
    }

    @Test
    void anIpv6RangeIsKeptInItsShortestForm() throws Exception {
        AddressRange range = AddressRange.parse("2001:0DB8:0000:0000:0000:0000:0000:0001/32");

        assertThat(range.key()).isEqualTo("2001:db8::/32");
        assertThat(range.contains(address("2001:db8:ffff::1"))).isTrue();
        assertThat(range.contains(address("2001:db9::1"))).isFalse();
        assertThat(range.contains(address("192.0.2.1"))).isFalse();
        assertThat(AddressRange.parse("::ffff:192.0.2.0/120").key()).isEqualTo("192.0.2.0/24");
    }

    @Test
    void hostNamesGarbageAndRangesTooWideAreRefusedSayingWhy() {
        assertThatThrownBy(() -> AddressRange.parse("localhost")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).hasMessageContaining("number of bits");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("/8 to /32");
        assertThatThrownBy(() -> AddressRange.parse("0.0.0.0/0")).hasMessageContaining("/8 to /32");
        assertThatThrownBy(() -> AddressRange.parse("::/0")).hasMessageContaining("/16 to /128");
    }
}
