package io.hakeeper.api;

import java.nio.ByteBuffer;

/**
 * Seals outgoing adverts and verifies incoming ones for one VRRPv2 instance.
 *
 * <p>Runs on the event loop for every advert: it must be bounded, must not block, and must not allocate
 * in steady state (precompute keys and scratch buffers in the factory). It is never called concurrently
 * for one instance.
 */
public interface AuthMethod {

    /** The VRRPv2 auth type field this method writes and expects: 1 for PASS, 2 for AH. */
    int authType();

    /** The IP protocol adverts travel in: 112 (VRRP) or 51 (AH). */
    int ipProtocol();

    /** Bytes this method inserts between the IP header and the VRRP message (24 for AH, else 0). */
    int headerLength();

    /**
     * Fill in the auth data of an advert the engine has built, with its IP header when
     * {@link #ipProtocol()} is 51. The buffer's position and limit are left as they were.
     */
    void seal(ByteBuffer packet, AdvertLayout layout);

    /** Judge a received advert. The buffer's position and limit are left as they were. */
    AuthVerdict verify(ByteBuffer packet, AdvertLayout layout);
}
