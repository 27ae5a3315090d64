package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The addresses of the instances' interfaces as the kernel last reported them (the link watch keeps them),
 * for what an instance needs when it is made: the primary IPv4 address it advertises from when no source is
 * configured, and whether a configured source (mcast_src_ip, unicast_src_ip) is on its interface.
 */
interface InterfaceAddresses {

    /** The interface's primary IPv4 address, else its first secondary one; empty when it has none. */
    Optional<byte[]> firstIpv4(String interfaceName);

    /** Whether {@code address} is one of the interface's addresses (false when the interface is absent). */
    boolean has(String interfaceName, InetAddress address);
}
