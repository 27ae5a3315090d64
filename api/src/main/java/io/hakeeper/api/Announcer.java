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

    /**
     * Runs {@link #announce}'s code for the addresses as far as it can without sending anything (a send the
     * kernel refuses, say), for the engine's rehearsal of takeovers at start: a daemon of many instances
     * rehearses as many, so that the JIT has compiled the announcement before a burst of takeovers needs
     * it rather than during the burst. Must send nothing. The default does nothing; a failure is not
     * reported.
     */
    default void rehearse(String interfaceName, List<InetAddress> addresses) throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
