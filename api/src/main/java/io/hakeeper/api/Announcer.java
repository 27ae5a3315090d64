package io.hakeeper.api;

import java.net.InetAddress;
import java.util.List;

/**
 * Tells the segment that addresses have moved: a gratuitous ARP for each IPv4 address and an unsolicited
 * neighbour advertisement for each IPv6 address, once per call. The engine decides when and how often
 * (garp_master_delay, repeat, refresh).
 */
public interface Announcer extends AutoCloseable {

    /**
     * Sends one message per address. With no addresses, prepares the interface (opens whatever sending
     * needs) and sends nothing: the engine calls it so at start, so that the first takeover's
     * announcement goes out without that delay.
     */
    void announce(String interfaceName, List<InetAddress> addresses) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
