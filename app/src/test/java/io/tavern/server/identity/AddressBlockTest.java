package io.tavern.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressBlockTest {

    private static AddressBlock of(String literal) throws Exception {
        return AddressBlock.of(InetAddress.getByName(literal));
    }

    @Test
    void anIpv4AddressCountsByItself() throws Exception {
        assertThat(of("192.0.2.7").key()).isEqualTo("192.0.2.7");
        assertThat(of("192.0.2.8")).isNotEqualTo(of("192.0.2.7"));
    }

    @Test
    void anIpv6AddressCountsWithTheRestOfItsSlash64() throws Exception {
        assertThat(of("2001:db8:0:1::1")).isEqualTo(of("2001:db8:0:1:ffff:ffff:ffff:ffff"));
        assertThat(of("2001:db8:0:1::1").key()).isEqualTo("2001:db8:0:1::/64");
        assertThat(of("2001:db8:0:2::1")).isNotEqualTo(of("2001:db8:0:1::1"));
        assertThat(of("::1").key()).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void anIpv4AddressWrittenAsIpv6CountsAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 192, 0, 2, 7};
        assertThat(AddressBlock.of(java.net.Inet6Address.getByAddress(null, mapped, -1))).isEqualTo(of("192.0.2.7"));
    }

    @Test
    void noAddressIsTheUnknownBlock() {
        assertThat(AddressBlock.of((InetSocketAddress) null)).isEqualTo(AddressBlock.UNKNOWN);
    }
}
