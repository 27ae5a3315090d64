package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

class IpArgsTest {

    @Test
    void ipv4VipCarriesEveryOptionWritten() throws Exception {
        VirtualAddress vip = new VirtualAddress(InetAddress.getByName("192.0.2.17"), 24, Optional.of("eth1"),
                Optional.of("192.0.2.255"), Optional.of("global"), Optional.of("eth1:1"));

        assertEquals(List.of("-4", "addr", "add", "192.0.2.17/24", "dev", "eth1", "brd", "192.0.2.255",
                "scope", "global", "label", "eth1:1"), IpArgs.addAddress("eth1", vip));
        assertEquals(List.of("-4", "addr", "del", "192.0.2.17/24", "dev", "eth1"), IpArgs.removeAddress("eth1", vip));
    }

    @Test
    void ipv4VipWithoutOptionsLeavesTheKernelDefaults() throws Exception {
        assertEquals(List.of("-4", "addr", "add", "192.0.2.17/32", "dev", "eth0"),
                IpArgs.addAddress("eth0", plain("192.0.2.17", 32)));
    }

    @Test
    void ipv6VipSkipsDadAndIgnoresScopeAsKeepalivedDoes() throws Exception {
        VirtualAddress vip = new VirtualAddress(InetAddress.getByName("2001:db8::1"), 64, Optional.empty(),
                Optional.empty(), Optional.of("site"), Optional.empty());

        assertEquals(List.of("-6", "addr", "add", "2001:db8:0:0:0:0:0:1/64", "dev", "eth0", "nodad"),
                IpArgs.addAddress("eth0", vip));
    }

    @Test
    void ipv6HostVipIsAddedDeprecated() throws Exception {
        assertEquals(List.of("-6", "addr", "add", "2001:db8:0:0:0:0:0:1/128", "dev", "eth0", "nodad",
                "preferred_lft", "0"), IpArgs.addAddress("eth0", plain("2001:db8::1", 128)));
    }

    @Test
    void routeWordsFollowTheDestinationAndTheFamilyComesFromAnyIpv6Word() {
        VirtualRoute v4 = new VirtualRoute("10.1.0.0/16", List.of("via", "192.0.2.1", "dev", "eth1", "metric", "10"));
        VirtualRoute v6Default = new VirtualRoute("default", List.of("via", "2001:db8::1", "dev", "eth1"));
        VirtualRoute v4Default = new VirtualRoute("default", List.of("via", "192.0.2.1", "table", "100"));

        assertEquals(List.of("-4", "route", "replace", "10.1.0.0/16", "via", "192.0.2.1", "dev", "eth1", "metric", "10"),
                IpArgs.replaceRoute(v4));
        assertEquals(List.of("-6", "route", "del", "default", "via", "2001:db8::1", "dev", "eth1"),
                IpArgs.removeRoute(v6Default));
        assertEquals("-4", IpArgs.replaceRoute(v4Default).get(0));
        assertEquals("-6", IpArgs.replaceRoute(new VirtualRoute("2001:db8::/64", List.of("dev", "eth1"))).get(0));
    }

    private static VirtualAddress plain(String address, int prefix) throws Exception {
        return new VirtualAddress(InetAddress.getByName(address), prefix, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
