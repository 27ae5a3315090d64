package io.hakeeper.engine.vrrp.packet;

import io.hakeeper.api.AdvertLayout;

/**
 * Where the parts of one advert lie in its buffer, handed to the auth method. Mutable and reused for every
 * packet, so that describing a packet allocates nothing; the codec sets it, everyone else only reads it.
 */
final class PacketLayout implements AdvertLayout {

    int ipOffset;
    int ipHeaderLength;
    int authHeaderOffset;
    int vrrpOffset;
    int vrrpLength;
    boolean unicast;

    void pointAt(int ipOffset, int ipHeaderLength, int authHeaderOffset, int vrrpOffset, int vrrpLength,
                 boolean unicast) {
        this.ipOffset = ipOffset;
        this.ipHeaderLength = ipHeaderLength;
        this.authHeaderOffset = authHeaderOffset;
        this.vrrpOffset = vrrpOffset;
        this.vrrpLength = vrrpLength;
        this.unicast = unicast;
    }

    @Override
    public int ipOffset() {
        return ipOffset;
    }

    @Override
    public int ipHeaderLength() {
        return ipHeaderLength;
    }

    @Override
    public int authHeaderOffset() {
        return authHeaderOffset;
    }

    @Override
    public int vrrpOffset() {
        return vrrpOffset;
    }

    @Override
    public int vrrpLength() {
        return vrrpLength;
    }

    @Override
    public boolean unicast() {
        return unicast;
    }
}
