package io.hakeeper.engine.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AdvertLayout;
import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;

/**
 * An auth method with a header of its own (AH) gets a whole IPv4 packet with room for its header, and
 * seals it after the checksum, which its digest covers.
 */
class AdvertEncoderAuthHeaderTest {

    private static final AdvertVector V2 = AdvertVectors.V2_IPV4_PASS;
    private static final int AH_LENGTH = 24;

    @Test
    void anAuthHeaderGetsItsRoomInAWholeIpv4PacketAndSealsTheFinishedMessage() {
        AdvertEncoder encoder = new AdvertEncoder(V2.spec(), Optional.of(new ChecksumCopyingAh()));
        ByteBuffer out = ByteBuffer.allocate(128);

        int length = encoder.encode(out, 0, 100, V2.source(), V2.destination());

        int vrrpOffset = VrrpWire.IPV4_HEADER_LENGTH + AH_LENGTH;
        assertEquals(vrrpOffset + V2.spec().messageLength(), length);
        assertEquals(VrrpWire.PROTOCOL_AH, out.get(9));
        assertEquals(length, out.getShort(2));
        assertEquals(out.getShort(vrrpOffset + 6), out.getShort(VrrpWire.IPV4_HEADER_LENGTH + 12),
                "the digest saw the final checksum");
        AdvertView view = new AdvertView();
        assertEquals(AdvertVerdict.ACCEPTED, view.decodeIpv4(out, 0, length, false));
        assertEquals(vrrpOffset, view.vrrpOffset());
        assertEquals(VrrpWire.AUTH_AH, view.authType());
    }

    @Test
    void packetsWithAnAuthHeaderCountTheirIpIdentificationFromOneSoTheKernelLeavesItAlone() {
        AdvertEncoder encoder = new AdvertEncoder(V2.spec(), Optional.of(new ChecksumCopyingAh()));
        ByteBuffer out = ByteBuffer.allocate(128);
        for (int expected = 1; expected <= 3; expected++) {
            encoder.encode(out, 0, 100, V2.source(), V2.destination());
            assertEquals(expected, out.getShort(4), "identification of advert " + expected);
            assertEquals(0, InternetChecksum.finish(InternetChecksum.add(0, out, 0, VrrpWire.IPV4_HEADER_LENGTH)),
                    "the IP header checksum covers the identification");
        }
    }

    @Test
    void theBareMessageCannotCarryAnAuthHeader() {
        AdvertEncoder encoder = new AdvertEncoder(V2.spec(), Optional.of(new ChecksumCopyingAh()));
        assertThrows(IllegalStateException.class,
                () -> encoder.encodeMessage(ByteBuffer.allocate(128), 0, 100, V2.source(), V2.destination()));
    }

    /** Writes an AH header whose "digest" is the VRRP checksum, so the test sees what the seal saw. */
    private static final class ChecksumCopyingAh implements AuthMethod {
        @Override
        public int authType() {
            return VrrpWire.AUTH_AH;
        }

        @Override
        public int ipProtocol() {
            return VrrpWire.PROTOCOL_AH;
        }

        @Override
        public int headerLength() {
            return AH_LENGTH;
        }

        @Override
        public void seal(ByteBuffer packet, AdvertLayout layout) {
            int ah = layout.authHeaderOffset();
            packet.put(ah, (byte) VrrpWire.PROTOCOL_VRRP);
            packet.put(ah + 1, (byte) (AH_LENGTH / 4 - 2));
            packet.putShort(ah + 12, packet.getShort(layout.vrrpOffset() + 6));
        }

        @Override
        public AuthVerdict verify(ByteBuffer packet, AdvertLayout layout) {
            throw new UnsupportedOperationException("send side only");
        }
    }
}
