package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VirtualAddress;

/** On output captured from iproute2 6.1 ({@code ip -j -d addr show dev va}), trimmed. */
class AddressListingTest {

    private static final String OUTPUT = "[{\"ifindex\":3,\"link\":\"vb\",\"ifname\":\"va\","
            + "\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500,\"linkinfo\":{\"info_kind\":\"veth\"},"
            + "\"addr_info\":[{\"family\":\"inet\",\"local\":\"192.0.2.10\",\"prefixlen\":24,\"broadcast\":\"192.0.2.255\","
            + "\"scope\":\"global\",\"label\":\"va:1\",\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295},"
            + "{\"family\":\"inet\",\"local\":\"192.0.2.11\",\"prefixlen\":32,\"scope\":\"global\",\"label\":\"va\"},"
            + "{\"family\":\"inet6\",\"local\":\"2001:db8::10\",\"prefixlen\":128,\"scope\":\"global\",\"nodad\":true,"
            + "\"deprecated\":true,\"valid_life_time\":4294967295,\"preferred_life_time\":0},"
            + "{\"family\":\"inet6\",\"local\":\"fe80::94ba:1aff:fea9:a4ba\",\"prefixlen\":64,\"scope\":\"link\",\"tentative\":true}]}]\n";

    @Test
    void everyAddressIsReadWithItsPrefixBroadcastScopeAndOwnLabel() throws Exception {
        List<VirtualAddress> listed = AddressListing.parse(OUTPUT);

        assertEquals(List.of(
                address("192.0.2.10", 24, "192.0.2.255", "global", "va:1"),
                address("192.0.2.11", 32, null, "global", null),
                address("2001:db8::10", 128, null, "global", null),
                address("fe80::94ba:1aff:fea9:a4ba", 64, null, "link", null)), listed);
    }

    @Test
    void aLinkWithoutAddressesAndEmptyOutputListNothing() {
        assertEquals(List.of(), AddressListing.parse("[{\"ifindex\":3,\"ifname\":\"va\",\"addr_info\":[]}]"));
        assertEquals(List.of(), AddressListing.parse(""));
    }

    @Test
    void outputThatIsNotIpsJsonIsRefusedWithWhere() {
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> AddressListing.parse("[{\"ifname\":\"va\",\"addr_info\":[{\"family\":\"inet\"}]"));
        assertTrue(broken.getMessage().contains("offset"), broken.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> AddressListing.parse("{\"ifname\":\"va\"}"));
        assertTrue(shape.getMessage().contains("array"), shape.getMessage());
    }

    @Test
    void jsonReadsEscapesNumbersAndLiterals() {
        assertEquals(Map.of("a", List.of("x\"\\/\n\u00e9", 12L, -1.5e2, true, false), "b", Map.of()),
                Json.parse(" {\"a\": [\"x\\\"\\\\\\/\\n\\u00e9\", 12, -1.5e2, true, false], \"b\": {}} "));
        assertEquals(null, Json.parse("null"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
    }

    private static VirtualAddress address(String literal, int prefix, String broadcast, String scope, String label)
            throws Exception {
        return new VirtualAddress(InetAddress.getByName(literal), prefix, Optional.empty(),
                Optional.ofNullable(broadcast), Optional.ofNullable(scope), Optional.ofNullable(label));
    }
}
