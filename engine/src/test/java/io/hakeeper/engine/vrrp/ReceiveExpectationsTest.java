package io.hakeeper.engine.vrrp;

import static io.hakeeper.engine.vrrp.packet.AdvertVector.address;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.GlobalDefs;
import io.hakeeper.engine.config.model.ProcessPriorities;
import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.config.model.NotifyCommands;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.vrrp.packet.AdvertVector;

/** The expectations an instance's configuration gives its receive checks. */
class ReceiveExpectationsTest {

    private static final GarpTiming GARP = new GarpTiming(Duration.ofSeconds(5), 5, Duration.ofSeconds(5), 5,
            Duration.ZERO, 1);

    @Test
    void aConfiguredInstanceExpectsItsOwnVersionVridIntervalVipsAndGlobals() {
        VrrpInstance instance = instance(List.of(vip("192.168.200.17"), vip("192.168.200.18")), List.of());

        ReceiveExpectations expectations = ReceiveExpectations.of(instance, globals(true, false, true),
                Optional.empty());

        assertEquals(3, expectations.version());
        assertEquals(Family.IPV4, expectations.family());
        assertEquals(51, expectations.vrid());
        assertEquals(150, expectations.intervalCentiseconds());
        assertEquals(0, expectations.authType());
        assertNull(expectations.authMethod());
        assertEquals(2, expectations.virtualAddressCount());
        assertArrayEquals(AdvertVector.ip("192.168.200.18"), expectations.virtualAddress(1));
        assertFalse(expectations.unicast());
        assertTrue(expectations.strict());
        assertFalse(expectations.skipAddressCheck());
        assertTrue(expectations.v3ChecksumAsV2());
    }

    @Test
    void unicastPeersPutTheInstanceInUnicastMode() {
        VrrpInstance instance = instance(List.of(vip("192.168.200.17")), List.of(address("192.168.1.11")));

        ReceiveExpectations expectations = ReceiveExpectations.of(instance, globals(false, true, false),
                Optional.empty());

        assertTrue(expectations.unicast());
        assertTrue(expectations.checkUnicastSource());
        assertEquals(1, expectations.unicastPeerCount());
        assertTrue(expectations.skipAddressCheck());
    }

    @Test
    void vipsOfTheOtherFamilyAreNotExpectedInAdverts() {
        VrrpInstance instance = instance(List.of(vip("192.168.200.17"), vip("2001:db8::17")), List.of());

        assertEquals(1, ReceiveExpectations.of(instance, globals(false, false, false), Optional.empty())
                .virtualAddressCount());
    }

    private static VirtualAddress vip(String literal) {
        InetAddress address = address(literal);
        return new VirtualAddress(address, address.getAddress().length * 8, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static VrrpInstance instance(List<VirtualAddress> vips, List<InetAddress> peers) {
        NotifyCommands noNotify = new NotifyCommands(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
        return new VrrpInstance("VI_1", InitialState.BACKUP, "eth1", false, Map.of(), Optional.empty(),
                Optional.empty(), peers, true, Family.IPV4, 3, 51, 100, Duration.ofMillis(1500), Optional.empty(),
                vips, List.of(), List.of(), false, Duration.ZERO, GARP, noNotify);
    }

    private static GlobalDefs globals(boolean strict, boolean skipCheckAdvAddr, boolean v3ChecksumAsV2) {
        return new GlobalDefs(Optional.empty(), GARP, Duration.ZERO, Duration.ZERO, strict, skipCheckAdvAddr,
                Duration.ZERO, 2, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), 25,
                Duration.ofSeconds(30), Optional.empty(), false, v3ChecksumAsV2, Optional.empty(),
                "/run/hakeeper.sock", Optional.empty(), Optional.empty(), "iproute2", "pcap4j",
                ProcessPriorities.NONE);
    }
}
