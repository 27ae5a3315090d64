package io.hakeeper.engine.vrrp.packet;

import java.nio.ByteBuffer;

/**
 * Network-order reads and writes at absolute indexes. Done byte by byte rather than with
 * {@code getShort}/{@code putShort} because those follow the buffer's byte order, and a direct buffer
 * shared with native code is often set to the machine's.
 */
final class Bytes {

    private Bytes() {
    }

    static int get8(ByteBuffer buffer, int index) {
        return buffer.get(index) & 0xff;
    }

    static int get16(ByteBuffer buffer, int index) {
        return (get8(buffer, index) << 8) | get8(buffer, index + 1);
    }

    static void put16(ByteBuffer buffer, int index, int value) {
        buffer.put(index, (byte) (value >>> 8));
        buffer.put(index + 1, (byte) value);
    }

    /** Compares {@code length} bytes of {@code a} and {@code b} as one unsigned number. */
    static int compareUnsigned(byte[] a, byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            int difference = (a[i] & 0xff) - (b[i] & 0xff);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }
}
