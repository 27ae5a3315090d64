package io.hakeeper.api;

import java.net.InetAddress;
import java.util.List;

/**
 * Tells the segment that addresses have moved: a gratuitous ARP for each IPv4 address and an unsolicited
 * neighbour advertisement for each IPv6 address, once per call. The engine decides when and how often
 * (garp_master_delay, repeat, refresh).
 */
public interface Announcer extends AutoCloseable {

    void announce(String interfaceName, List<InetAddress> addresses) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
