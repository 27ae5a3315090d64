package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

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

    private String receive(byte[] wire) {
        ByteBuffer buffer = ByteBuffer.wrap(wire.clone());
        return demultiplexer.route(view.wrapIpv4(buffer, 0, wire.length), view, 0);
    }
}
