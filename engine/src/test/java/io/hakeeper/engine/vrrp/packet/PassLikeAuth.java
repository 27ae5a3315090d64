package io.hakeeper.engine.vrrp.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.hakeeper.api.AdvertLayout;
import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;

/**
 * A simple-password auth method written for the tests (the real PASS lives in plugins/auth, which the
 * engine does not see): the zero-padded key in the last 8 bytes of the message. Allocation-free, so that
 * it can stand in for PASS in the zero-allocation test.
 */
public final class PassLikeAuth implements AuthMethod {

    private final byte[] key = new byte[VrrpWire.V2_AUTH_DATA_LENGTH];

    public PassLikeAuth(String password) {
        this(password.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key as it is on the wire: up to 8 bytes, zero-padded. */
    public PassLikeAuth(byte[] password) {
        System.arraycopy(password, 0, key, 0, Math.min(password.length, key.length));
    }

    @Override
    public int authType() {
        return VrrpWire.AUTH_PASS;
    }

    @Override
    public int ipProtocol() {
        return VrrpWire.PROTOCOL_VRRP;
    }

    @Override
    public int headerLength() {
        return 0;
    }

    @Override
    public void seal(ByteBuffer packet, AdvertLayout layout) {
        int start = layout.vrrpOffset() + layout.vrrpLength() - key.length;
        for (int i = 0; i < key.length; i++) {
            packet.put(start + i, key[i]);
        }
    }

    @Override
    public AuthVerdict verify(ByteBuffer packet, AdvertLayout layout) {
        int start = layout.vrrpOffset() + layout.vrrpLength() - key.length;
        int difference = 0;
        for (int i = 0; i < key.length; i++) {
            difference |= packet.get(start + i) ^ key[i];
        }
        return difference == 0 ? AuthVerdict.ACCEPTED : AuthVerdict.REJECTED;
    }
}
