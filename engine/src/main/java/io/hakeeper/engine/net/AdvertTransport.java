package io.hakeeper.engine.net;

import java.nio.ByteBuffer;


/**
 * Where an instance's adverts go out: the raw socket of its interface in the daemon, a recording stand-in
 * in tests that measure the path without a network. The payload is the buffer's position to its limit.
 */
public interface AdvertTransport {

    /** To the VRRP multicast group of the socket's family (224.0.0.18 or ff02::12). */
    IoStatus sendMulticast(ByteBuffer payload);

    /**
     * Whether adverts can go out at all. An instance whose socket could not be opened must stay in FAULT
     * even when its link comes up: a master that sends nothing would take the VIPs from a live master.
     */
    default boolean usable() {
        return true;
    }

    /** To one address (a unicast peer), from {@code source} when not null. */
    IoStatus send(ByteBuffer payload, byte[] destination, byte[] source);
}
