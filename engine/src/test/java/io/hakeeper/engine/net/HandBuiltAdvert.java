package io.hakeeper.engine.net;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A VRRPv3 advertisement built byte by byte from RFC 5798 section 5.2, independently of hakeeper's codec,
 * so that the transport tests prove the wire and not the codec against itself.
 *
 * <pre>
 *  version 3 | type 1 | VRID | priority | count IPvX addr
 *  rsvd (4 bits) | max advert int (12 bits, centiseconds) | checksum
 *  IPvX address(es)
 * </pre>
 * The checksum covers a pseudo-header (RFC 5798 5.2.8) for IPv4 and IPv6 alike.
 */
final class HandBuiltAdvert {

    private HandBuiltAdvert() {
    }

    /** The advert in a direct buffer, ready to send, checksummed for {@code source} to {@code destination}. */
    static ByteBuffer v3(int vrid, int priority, int intervalCentiseconds, InetAddress source,
            InetAddress destination, InetAddress... virtualAddresses) {
        int addressSize = source.getAddress().length;
        ByteBuffer advert = ByteBuffer.allocateDirect(8 + virtualAddresses.length * addressSize);
        advert.put((byte) 0x31).put((byte) vrid).put((byte) priority).put((byte) virtualAddresses.length);
        advert.putShort((short) (intervalCentiseconds & 0x0fff)).putShort((short) 0);
        for (InetAddress address : virtualAddresses) {
            advert.put(address.getAddress());
        }
        advert.flip();
        advert.putShort(6, (short) checksum(advert, source.getAddress(), destination.getAddress()));
        return advert;
    }

    private static int checksum(ByteBuffer advert, byte[] source, byte[] destination) {
        int length = advert.remaining();
        ByteBuffer pseudo = ByteBuffer.allocate(2 * source.length + 8);
        pseudo.put(source).put(destination);
        if (source.length == 4) {
            pseudo.put((byte) 0).put((byte) RawVrrpSocket.VRRP_PROTOCOL).putShort((short) length);
        } else {
            pseudo.putInt(length).put(new byte[3]).put((byte) RawVrrpSocket.VRRP_PROTOCOL);
        }
        long sum = sum(pseudo.array(), pseudo.position()) + sum(bytes(advert), length);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static long sum(byte[] data, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = data[i] & 0xff;
            int low = i + 1 < length ? data[i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        return sum;
    }
}
