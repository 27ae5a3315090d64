package io.hakeeper.engine.vrrp.packet;

import java.nio.ByteBuffer;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words.
 * Sums are kept unfolded in an {@code int} while adding, which is safe for anything up to 64 KiB, and
 * folded once at the end. Reads at absolute indexes, so buffers keep their position and limit.
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /**
     * Adds {@code length} bytes of {@code buffer} from {@code offset} to {@code sum}; an odd last byte is
     * padded with zero.
     */
    public static int add(int sum, ByteBuffer buffer, int offset, int length) {
        int end = offset + (length & ~1);
        for (int i = offset; i < end; i += 2) {
            sum += ((buffer.get(i) & 0xff) << 8) | (buffer.get(i + 1) & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (buffer.get(end) & 0xff) << 8;
        }
        return sum;
    }

    /** Adds the first {@code length} bytes of {@code bytes} (an even number: addresses) to {@code sum}. */
    public static int add(int sum, byte[] bytes, int length) {
        for (int i = 0; i < length; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        return sum;
    }

    /** Folds the carries of {@code sum} back in and complements it: the value to write into a checksum field. */
    public static int finish(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
