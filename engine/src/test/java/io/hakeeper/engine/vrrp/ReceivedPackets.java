package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.vrrp.packet.AdvertChecksum;
import io.hakeeper.engine.vrrp.packet.AdvertVector;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;
import io.hakeeper.engine.vrrp.packet.PassLikeAuth;
import io.hakeeper.engine.vrrp.packet.VrrpWire;

/** Test vectors as received packets: framed by a view, altered byte by byte, expected by an instance. */
final class ReceivedPackets {

    private ReceivedPackets() {
    }

    /** Frames {@code wire} (bytes of the kind {@code vector} has) and asserts the framing succeeded. */
    static AdvertView framed(AdvertVector vector, byte[] wire) {
        return framed(vector, wire, wire.length, vector.hopLimit());
    }

    static AdvertView framed(AdvertVector vector, byte[] wire, int length, int hopLimit) {
        AdvertView view = new AdvertView();
        ByteBuffer buffer = ByteBuffer.wrap(wire);
        AdvertVerdict framing = vector.spec().family() == Family.IPV4
                ? view.wrapIpv4(buffer, 0, length)
                : view.wrapIpv6(buffer, 0, length, vector.source(), vector.destination(), hopLimit);
        assertEquals(AdvertVerdict.ACCEPTED, framing, "framing");
        return view;
    }

    /** Where the VRRP message starts in the vector's bytes. */
    static int vrrpOffset(AdvertVector vector) {
        return vector.spec().family() == Family.IPV4 ? VrrpWire.IPV4_HEADER_LENGTH : 0;
    }

    /** Writes a right checksum again after a change, so that a later check is what fails. */
    static byte[] rechecksummed(AdvertVector vector, byte[] wire) {
        int offset = vrrpOffset(vector);
        AdvertChecksum.write(ByteBuffer.wrap(wire), offset, wire.length - offset, wire[offset] >> 4 & 0x0f,
                vector.source(), vector.destination(), vector.spec().addressLength(), vector.spec().v3ChecksumAsV2());
        return wire;
    }

    /** What an instance configured exactly as {@code vector}'s sender expects, in multicast mode. */
    static ReceiveExpectations expectationsOf(AdvertVector vector) {
        return expectationsOf(vector, List.of(), false, false, false);
    }

    static ReceiveExpectations expectationsOf(AdvertVector vector, List<InetAddress> peers,
                                              boolean checkUnicastSource, boolean strict, boolean skipAddressCheck) {
        Optional<AuthMethod> auth = vector.password().map(PassLikeAuth::new);
        return new ReceiveExpectations(vector.spec().version(), vector.spec().family(), vector.spec().vrid(),
                vector.spec().intervalCentiseconds(), auth, vector.spec().addresses(), peers, checkUnicastSource,
                strict, skipAddressCheck, vector.spec().v3ChecksumAsV2());
    }
}
