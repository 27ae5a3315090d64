package io.hakeeper.plugin.auth;

import java.nio.ByteBuffer;

import io.hakeeper.api.AdvertLayout;
import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;

/**
 * Writes and checks the zero-padded password in the last 8 bytes of a VRRPv2 message (the two
 * "Authentication Data" words of RFC 3768's layout). Allocation-free: the key is computed once by the
 * factory, and the buffer is read and written at absolute indexes, so its position and limit stay put.
 */
final class PassAuthMethod implements AuthMethod {

    static final int AUTH_TYPE_PASS = 1;
    static final int IP_PROTOCOL_VRRP = 112;
    static final int AUTH_DATA_LENGTH = 8;
    /** Where the auth type byte sits in the VRRPv2 header. */
    private static final int AUTH_TYPE_OFFSET = 4;
    /** Fixed header (8 bytes) plus auth data: the smallest VRRPv2 message with no address. */
    private static final int MIN_VRRP_LENGTH = 8 + AUTH_DATA_LENGTH;

    private final byte[] key;

    PassAuthMethod(byte[] key) {
        if (key.length != AUTH_DATA_LENGTH) {
            throw new IllegalArgumentException("PASS key must be " + AUTH_DATA_LENGTH + " bytes");
        }
        this.key = key.clone();
    }

    @Override
    public int authType() {
        return AUTH_TYPE_PASS;
    }

    @Override
    public int ipProtocol() {
        return IP_PROTOCOL_VRRP;
    }

    @Override
    public int headerLength() {
        return 0;
    }

    @Override
    public void seal(ByteBuffer packet, AdvertLayout layout) {
        int authData = authDataOffset(layout);
        for (int i = 0; i < AUTH_DATA_LENGTH; i++) {
            packet.put(authData + i, key[i]);
        }
    }

    @Override
    public AuthVerdict verify(ByteBuffer packet, AdvertLayout layout) {
        if (layout.vrrpLength() < MIN_VRRP_LENGTH
                || layout.vrrpOffset() + layout.vrrpLength() > packet.limit()
                || packet.get(layout.vrrpOffset() + AUTH_TYPE_OFFSET) != AUTH_TYPE_PASS) {
            return AuthVerdict.REJECTED;
        }
        int authData = authDataOffset(layout);
        // constant time: every byte is compared whatever the first difference, so the time taken
        // tells a prober nothing about how much of a guess was right
        int difference = 0;
        for (int i = 0; i < AUTH_DATA_LENGTH; i++) {
            difference |= packet.get(authData + i) ^ key[i];
        }
        return difference == 0 ? AuthVerdict.ACCEPTED : AuthVerdict.REJECTED;
    }

    private static int authDataOffset(AdvertLayout layout) {
        return layout.vrrpOffset() + layout.vrrpLength() - AUTH_DATA_LENGTH;
    }
}
