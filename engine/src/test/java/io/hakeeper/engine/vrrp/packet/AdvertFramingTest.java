package io.hakeeper.engine.vrrp.packet;

import static io.hakeeper.engine.vrrp.packet.AdvertVector.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.engine.config.model.Family;

/** Packets that are not adverts at all, and adverts that cannot be built. */
class AdvertFramingTest {

    private static final AdvertVector V2 = AdvertVectors.V2_IPV4_PASS;
    private final AdvertView view = new AdvertView();

    private AdvertVerdict decodeIpv4(byte[] wire, int length) {
        return view.decodeIpv4(ByteBuffer.wrap(wire), 0, length, false);
    }

    @Test
    void lessThanAnIpv4HeaderIsTooShort() {
        assertEquals(AdvertVerdict.TOO_SHORT, decodeIpv4(V2.wire().clone(), 19));
        assertEquals(AdvertVerdict.TOO_SHORT, decodeIpv4(new byte[0], 0));
    }

    @Test
    void anIpHeaderLongerThanThePacketIsTooShort() {
        byte[] wire = V2.wire().clone();
        wire[0] = 0x4f; // IHL 15: 60 bytes of header in a 40-byte packet
        assertEquals(AdvertVerdict.TOO_SHORT, decodeIpv4(wire, wire.length));
    }

    @Test
    void anIpv6HeaderOnTheIpv4SocketIsABadIpHeader() {
        byte[] wire = V2.wire().clone();
        wire[0] = 0x65;
        assertEquals(AdvertVerdict.BAD_IP_HEADER, decodeIpv4(wire, wire.length));
    }

    @Test
    void anIpHeaderShorterThanTwentyBytesIsABadIpHeader() {
        byte[] wire = V2.wire().clone();
        wire[0] = 0x44;
        assertEquals(AdvertVerdict.BAD_IP_HEADER, decodeIpv4(wire, wire.length));
    }

    @Test
    void anotherProtocolIsABadIpHeader() {
        byte[] wire = V2.wire().clone();
        wire[9] = 17; // UDP
        assertEquals(AdvertVerdict.BAD_IP_HEADER, decodeIpv4(wire, wire.length));
    }

    @Test
    void ahAroundSomethingOtherThanVrrpIsABadIpHeader() {
        byte[] wire = new byte[64];
        wire[0] = 0x45;
        wire[9] = (byte) VrrpWire.PROTOCOL_AH;
        wire[20] = 6; // AH next header: TCP
        wire[21] = 4;
        assertEquals(AdvertVerdict.BAD_IP_HEADER, decodeIpv4(wire, wire.length));
    }

    @Test
    void anAhHeaderLongerThanThePacketIsTooShort() {
        byte[] wire = new byte[40];
        wire[0] = 0x45;
        wire[9] = (byte) VrrpWire.PROTOCOL_AH;
        wire[20] = (byte) VrrpWire.PROTOCOL_VRRP;
        wire[21] = (byte) 200;
        assertEquals(AdvertVerdict.TOO_SHORT, decodeIpv4(wire, wire.length));
    }

    @Test
    void lessThanAVrrpHeaderAfterTheIpHeaderIsTooShort() {
        assertEquals(AdvertVerdict.TOO_SHORT, decodeIpv4(V2.wire().clone(), 27));
    }

    @Test
    void vrrpVersion2OverIpv6IsABadVersion() {
        AdvertVector v6 = AdvertVectors.V3_IPV6;
        byte[] wire = new byte[v6.wire().length + VrrpWire.V2_AUTH_DATA_LENGTH];
        System.arraycopy(v6.wire(), 0, wire, 0, v6.wire().length);
        wire[0] = 0x21;
        assertEquals(AdvertVerdict.BAD_VERSION, view.decodeIpv6(ByteBuffer.wrap(wire), 0, wire.length, v6.source(),
                v6.destination(), 255));
    }

    @Test
    void anUnknownVersionIsABadVersion() {
        byte[] wire = AdvertVectors.V3_IPV4.wire().clone();
        wire[20] = 0x41;
        assertEquals(AdvertVerdict.BAD_VERSION, decodeIpv4(wire, wire.length));
    }

    @Test
    void aPacketAtAnOffsetInALargerBufferIsReadInPlace() {
        byte[] buffer = new byte[100];
        System.arraycopy(V2.wire(), 0, buffer, 13, V2.wire().length);
        assertEquals(AdvertVerdict.ACCEPTED, view.decodeIpv4(ByteBuffer.wrap(buffer), 13, V2.wire().length, false));
        assertEquals(51, view.vrid());
        assertEquals(33, view.layout().vrrpOffset());
    }

    @Test
    void vrrpVersion2CannotBeBuiltForIpv6() {
        assertThrows(IllegalArgumentException.class,
                () -> new AdvertSpec(2, Family.IPV6, 1, 100, addresses("2001:db8::1"), false));
    }

    @Test
    void aVersion2IntervalMustBeWholeSeconds() {
        assertThrows(IllegalArgumentException.class,
                () -> new AdvertSpec(2, Family.IPV4, 1, 150, List.of(), false));
    }

    @Test
    void aVersion3IntervalMustFitTwelveBits() {
        assertThrows(IllegalArgumentException.class,
                () -> new AdvertSpec(3, Family.IPV4, 1, 4096, List.of(), false));
    }

    @Test
    void vrrpVersion3HasNoAuthentication() {
        AdvertSpec v3 = AdvertVectors.V3_IPV4.spec();
        assertThrows(IllegalArgumentException.class,
                () -> new AdvertEncoder(v3, Optional.<AuthMethod>of(new PassLikeAuth("secret"))));
    }
}
