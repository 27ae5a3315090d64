package io.hakeeper.api;

/**
 * Where the parts of one advert lie in the packet buffer handed to an {@link AuthMethod}. The engine
 * reuses one instance per socket: read it during the call, never keep it.
 */
public interface AdvertLayout {

    /** Offset of the IP header. */
    int ipOffset();

    /** Length of the IP header, options included. */
    int ipHeaderLength();

    /** Offset of the auth method's own header (AH); equal to {@link #vrrpOffset()} when it has none. */
    int authHeaderOffset();

    /** Offset of the VRRP message. */
    int vrrpOffset();

    /** Length of the VRRP message. */
    int vrrpLength();

    /** Whether the advert travels by unicast (AH then leaves the TTL out of its digest, as keepalived). */
    boolean unicast();
}
