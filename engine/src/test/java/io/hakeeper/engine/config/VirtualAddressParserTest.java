package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

class VirtualAddressParserTest {

    @Test
    void readsKeepalivedsVipForm() throws Exception {
        assertEquals(new VirtualAddress(InetAddress.getByName("192.168.200.17"), 24, Optional.of("eth1"),
                        Optional.of("192.168.200.255"), Optional.of("global"), Optional.of("eth1:1")),
                VirtualAddressParser.parse("192.168.200.17/24 dev eth1 brd 192.168.200.255 scope global label eth1:1")
                        .value().orElseThrow());
    }

    @Test
    void anIpv6AddressWithoutPrefixIsA128() throws Exception {
        assertEquals(128, VirtualAddressParser.parse("fe80::1").value().orElseThrow().prefixLength());
    }

    @Test
    void aHostNameIsNotAnAddress() {
        assertEquals("expected an IP address, got \"localhost\"", VirtualAddressParser.parse("localhost").problem());
    }

    @Test
    void labelsAreIpv4Only() {
        assertEquals("expected no label on an IPv6 address (labels are IPv4 only)",
                VirtualAddressParser.parse("fe80::1 label x").problem());
    }

    @Test
    void routesKeepTheirOptionsInOrder() {
        assertEquals(new VirtualRoute("default", List.of("via", "10.0.0.1", "dev", "eth1")),
                VirtualRouteParser.parse("default via 10.0.0.1 dev eth1").value().orElseThrow());
        assertEquals(new VirtualRoute("10.2.0.0/16", List.of("src", "10.0.0.5", "dev", "eth1")),
                VirtualRouteParser.parse("src 10.0.0.5 10.2.0.0/16 dev eth1").value().orElseThrow());
    }

    @Test
    void ipv6IsPrintedShort() throws Exception {
        assertEquals("2001:db8::1", IpLiteral.format(InetAddress.getByName("2001:db8:0:0:0:0:0:1")));
        assertEquals("fe80::1:0:0:2", IpLiteral.format(InetAddress.getByName("fe80::1:0:0:2")));
    }
}
