package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.vrrp.packet.AdvertVector;
import io.hakeeper.engine.vrrp.packet.AdvertVectors;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/** Packets reach the instance with their VRID; the rest are counted on the interface. */
class VridDemultiplexerTest {

    private final VridDemultiplexer<String> demultiplexer = new VridDemultiplexer<>("eth0 IPv4", 10_000_000_000L);
    private final AdvertView view = new AdvertView();

    @Test
    void anAdvertReachesTheInstanceWithItsVrid() {
        demultiplexer.register(51, "VI_1");
        demultiplexer.register(52, "VI_2");
        assertEquals("VI_1", receive(AdvertVectors.V2_IPV4_PASS.wire()));
    }

    @Test
    void anUnknownVridIsCountedOnTheInterfaceAsVridErr() {
        demultiplexer.register(52, "VI_2");
        assertNull(receive(AdvertVectors.V2_IPV4_PASS.wire()));
        assertEquals(1, demultiplexer.counters().get(VrrpCounter.VRID_ERR));
    }

    @Test
    void aPacketTooShortToCarryAVridIsCountedOnTheInterface() {
        demultiplexer.register(51, "VI_1");
        byte[] wire = AdvertVectors.V2_IPV4_PASS.wire();
        ByteBuffer buffer = ByteBuffer.wrap(wire);
        assertNull(demultiplexer.route(view.wrapIpv4(buffer, 0, 25), view, 0));
        assertEquals(1, demultiplexer.counters().get(VrrpCounter.PACKET_LEN_ERR));
    }

    @Test
    void twoInstancesCannotShareAVridOnOneInterface() {
        demultiplexer.register(51, "VI_1");
        assertThrows(IllegalStateException.class, () -> demultiplexer.register(51, "VI_2"));
    }

    /**
     * ha-admin stats shows a socket's {@link VridDemultiplexer#COUNTED} only: whatever reaches the
     * demultiplexer (every advert vector cut at every length, its bytes flipped one at a time, IPv4 and
     * IPv6), nothing lands in another counter.
     */
    @Test
    void whateverArrivesIsCountedOnlyInTheCountersStatsShowsForASocket() {
        demultiplexer.register(7, "VI_7");
        byte[] anywhere = new byte[16];
        for (AdvertVector vector : AdvertVectors.ALL) {
            byte[] wire = vector.wire();
            for (int length = 0; length <= wire.length; length++) {
                for (int flipped = -1; flipped < length; flipped++) {
                    byte[] packet = wire.clone();
                    if (flipped >= 0) {
                        packet[flipped] = (byte) ~packet[flipped];
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(packet);
                    demultiplexer.route(view.wrapIpv4(buffer, 0, length), view, 0);
                    demultiplexer.route(view.wrapIpv6(buffer, 0, length, anywhere, anywhere, 255), view, 0);
                }
            }
        }
        for (VrrpCounter counter : VrrpCounter.values()) {
            if (!VridDemultiplexer.COUNTED.contains(counter)) {
                assertEquals(0, demultiplexer.counters().get(counter), counter.keepalivedName());
            }
        }
        assertTrue(demultiplexer.counters().get(VrrpCounter.VRID_ERR) > 0);
        assertTrue(demultiplexer.counters().get(VrrpCounter.PACKET_LEN_ERR) > 0);
    }

    private String receive(byte[] wire) {
        ByteBuffer buffer = ByteBuffer.wrap(wire.clone());
        return demultiplexer.route(view.wrapIpv4(buffer, 0, wire.length), view, 0);
    }
}
