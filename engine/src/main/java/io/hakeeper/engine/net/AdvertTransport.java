package io.hakeeper.engine.net;

import java.nio.ByteBuffer;


/**
 * Where an instance's adverts go out: the raw socket of its interface in the daemon, a recording stand-in
 * in tests that measure the path without a network. The payload is the buffer's position to its limit.
 *
 * <p>There is one way to send, and it takes the source: VRRPv3's checksum covers the source address, so
 * an advert must leave from the address it was encoded with, never from one the kernel picks.
 */
public interface AdvertTransport {

    /**
     * Whether adverts can go out at all. An instance whose socket could not be opened must stay in FAULT
     * even when its link comes up: a master that sends nothing would take the VIPs from a live master.
     */
    default boolean usable() {
        return true;
    }

    /**
     * To {@code destination} (the VRRP group of the family, 224.0.0.18 or ff02::12, or a unicast peer) from
     * {@code source}, both in network order and as long as each other (4 or 16 bytes), never null.
     */
    IoStatus send(ByteBuffer payload, byte[] destination, byte[] source);

    /** Why the last send that returned {@link IoStatus#FAILED} failed (the call, the interface, errno), or null. */
    default SocketError lastError() {
        return null;
    }
}
