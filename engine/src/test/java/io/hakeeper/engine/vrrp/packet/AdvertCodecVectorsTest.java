package io.hakeeper.engine.vrrp.packet;

import static io.hakeeper.engine.vrrp.packet.AdvertVector.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.hakeeper.engine.config.model.Family;

/** The hand-written vectors of {@link AdvertVectors}, decoded and encoded again. */
class AdvertCodecVectorsTest {

    private final AdvertView view = new AdvertView();

    static Stream<AdvertVector> vectors() {
        return AdvertVectors.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorDecodesAsAValidAdvert(AdvertVector vector) {
        assertEquals(AdvertVerdict.ACCEPTED, vector.decodeWith(view));
        assertEquals(vector.spec().version(), view.version());
        assertEquals(vector.spec().vrid(), view.vrid());
        assertEquals(vector.priority(), view.priority());
        assertEquals(vector.spec().intervalCentiseconds(), view.intervalCentiseconds());
        assertEquals(vector.spec().addresses().size(), view.addressCount());
        for (int i = 0; i < view.addressCount(); i++) {
            assertTrue(view.addressEquals(i, vector.spec().addresses().get(i).getAddress()), "address " + i);
        }
        assertEquals(0, view.compareSourceAddressTo(vector.source()));
        assertEquals(255, view.ttl());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodingWhatAVectorSaysGivesItsBytesBack(AdvertVector vector) {
        assertArrayEquals(vector.wire(), vector.reencode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theChecksumCoversEveryByteOfTheMessage(AdvertVector vector) {
        byte[] wire = vector.wire().clone();
        wire[wire.length - 1] ^= 0x01;
        AdvertVector damaged = new AdvertVector(vector.name(), vector.spec(), vector.password(), vector.priority(),
                vector.source(), vector.destination(), vector.hopLimit(), wire);
        assertEquals(AdvertVerdict.BAD_CHECKSUM, damaged.decodeWith(view));
    }

    @Test
    void ipv4HeaderChecksumOfTheVectorsIsRight() {
        for (AdvertVector vector : AdvertVectors.ALL) {
            if (vector.spec().family() == Family.IPV4) {
                int sum = InternetChecksum.add(0, ByteBuffer.wrap(vector.wire()), 0, VrrpWire.IPV4_HEADER_LENGTH);
                assertEquals(0, InternetChecksum.finish(sum), vector.name());
            }
        }
    }

    @Test
    void v2ReadsItsAuthTypeAndWholeSecondsInterval() {
        AdvertVectors.V2_IPV4_PASS.decodeWith(view);
        assertEquals(VrrpWire.AUTH_PASS, view.authType());
        assertEquals(100, view.intervalCentiseconds());
        assertEquals(VrrpWire.PROTOCOL_VRRP, view.ipProtocol());
        assertFalse(view.unicast());
        assertEquals(20, view.vrrpOffset());
        assertEquals(20, view.vrrpLength());
    }

    @Test
    void aUnicastAdvertKnowsItsDestination() {
        AdvertVectors.V2_IPV4_UNICAST_PRIORITY_0.decodeWith(view);
        assertTrue(view.unicast());
        byte[] destination = new byte[4];
        view.copyDestination(destination);
        assertArrayEquals(ip("192.168.1.11"), destination);
        assertEquals(0, view.priority());
    }

    @Test
    void v3OverIpv4WithTheOtherChecksumRuleIsABadChecksum() {
        ByteBuffer packet = ByteBuffer.wrap(AdvertVectors.V3_IPV4_CHECKSUM_AS_V2.wire());
        assertEquals(AdvertVerdict.BAD_CHECKSUM, view.decodeIpv4(packet, 0, packet.capacity(), false));
        packet = ByteBuffer.wrap(AdvertVectors.V3_IPV4.wire());
        assertEquals(AdvertVerdict.BAD_CHECKSUM, view.decodeIpv4(packet, 0, packet.capacity(), true));
    }

    @Test
    void v3HasNoAuthTypeAndItsIntervalIsInCentiseconds() {
        AdvertVectors.V3_IPV6.decodeWith(view);
        assertEquals(VrrpWire.AUTH_NONE, view.authType());
        assertEquals(200, view.intervalCentiseconds());
        byte[] address = new byte[16];
        view.copyAddress(0, address);
        assertArrayEquals(ip("2001:db8::100"), address);
        assertTrue(view.containsAddress(ip("2001:db8::100")));
        assertFalse(view.containsAddress(ip("2001:db8::101")));
    }

    @Test
    void theSourceComparesAsAnUnsignedNumberForTheElectionTieBreak() {
        AdvertVectors.V2_IPV4_PASS.decodeWith(view); // from 192.168.1.10
        assertTrue(view.compareSourceAddressTo(ip("192.168.1.9")) > 0);
        assertTrue(view.compareSourceAddressTo(ip("192.168.1.11")) < 0);
        assertTrue(view.compareSourceAddressTo(ip("10.0.0.1")) > 0, "192 > 10 unsigned, though (byte) 192 < 0");
    }

    @Test
    void theViewIsReusedAcrossFamilies() {
        assertEquals(AdvertVerdict.ACCEPTED, AdvertVectors.V3_IPV6.decodeWith(view));
        assertEquals(AdvertVerdict.ACCEPTED, AdvertVectors.V3_IPV4.decodeWith(view));
        assertEquals(Family.IPV4, view.family());
        assertEquals(2, view.addressCount());
        assertEquals(0, view.compareSourceAddressTo(ip("10.0.0.1")));
    }

    @Test
    void encodingAtAnOffsetLeavesTheRestOfTheBufferAlone() {
        AdvertVector vector = AdvertVectors.V3_IPV4;
        ByteBuffer out = ByteBuffer.allocate(100);
        for (int i = 0; i < 100; i++) {
            out.put(i, (byte) 0x5a);
        }
        int length = vector.encoder().encodeIpv4Packet(out, 7, vector.priority(), vector.source(),
                vector.destination());
        assertEquals(vector.wire().length, length);
        assertEquals(0x5a, out.get(6));
        assertEquals(0x5a, out.get(7 + length));
        assertEquals(0, out.position());
        byte[] written = new byte[length];
        out.get(7, written);
        assertArrayEquals(vector.wire(), written);
    }

    @Test
    void encodeSendsTheBareMessageWhenTheKernelBuildsTheIpHeader() {
        AdvertVector vector = AdvertVectors.V2_IPV4_PASS;
        ByteBuffer out = ByteBuffer.allocate(64);
        int length = vector.encoder().encode(out, 0, vector.priority(), vector.source(), vector.destination());
        byte[] message = new byte[length];
        out.get(0, message);
        byte[] expected = new byte[vector.wire().length - VrrpWire.IPV4_HEADER_LENGTH];
        System.arraycopy(vector.wire(), VrrpWire.IPV4_HEADER_LENGTH, expected, 0, expected.length);
        assertArrayEquals(expected, message);
    }
}
