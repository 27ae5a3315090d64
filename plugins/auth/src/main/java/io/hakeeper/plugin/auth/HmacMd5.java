package io.hakeeper.plugin.auth;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-MD5 (RFC 2104) with a fixed key, computed without allocating: the key's inner and outer pad
 * blocks are made once, and two reusable MD5 digests do the two passes. (The JDK's {@code Mac} returns a
 * fresh array from every {@code doFinal}, and its {@code ByteBuffer} update copies direct buffers into a
 * fresh array, so it is not used on the hot path.) Not thread-safe: one per auth method.
 */
final class HmacMd5 {

    static final int DIGEST_LENGTH = 16;
    private static final int BLOCK_LENGTH = 64;
    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    private final MessageDigest inner = md5();
    private final MessageDigest outer = md5();
    private final byte[] innerPad = new byte[BLOCK_LENGTH];
    private final byte[] outerPad = new byte[BLOCK_LENGTH];
    private final byte[] innerDigest = new byte[DIGEST_LENGTH];

    /** {@code key} of at most 64 bytes (VRRP's AH key is always 8); the array is not kept. */
    HmacMd5(byte[] key) {
        if (key.length > BLOCK_LENGTH) {
            throw new IllegalArgumentException("HMAC-MD5 keys longer than " + BLOCK_LENGTH + " bytes are hashed first; not supported");
        }
        byte[] padded = Arrays.copyOf(key, BLOCK_LENGTH);
        for (int i = 0; i < BLOCK_LENGTH; i++) {
            innerPad[i] = (byte) (padded[i] ^ INNER_PAD);
            outerPad[i] = (byte) (padded[i] ^ OUTER_PAD);
        }
        Arrays.fill(padded, (byte) 0);
    }

    /** Writes the 16-byte MAC of {@code data[offset, offset + length)} into {@code out} from index 0. */
    void compute(byte[] data, int offset, int length, byte[] out) {
        inner.update(innerPad);
        inner.update(data, offset, length);
        finish(inner, innerDigest);
        outer.update(outerPad);
        outer.update(innerDigest);
        finish(outer, out);
    }

    private static void finish(MessageDigest digest, byte[] out) {
        try {
            digest.digest(out, 0, DIGEST_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 digest into a 16-byte array failed", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no MD5, which VRRP's AH authentication needs", e);
        }
    }
}
