package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Whether a configured source address (mcast_src_ip, unicast_src_ip) is one of its interface's, read in the
 * daemon's own network namespace when an instance with such a source is made, never per advert. (The
 * primary IPv4 address of an instance without one comes from the link watch.)
 */
final class InterfaceAddresses {

    private InterfaceAddresses() {
    }

    /** Whether {@code address} is an address of the interface now (false when the interface is absent). */
    static boolean has(String interfaceName, InetAddress address) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(interfaceName);
            // InetAddress.equals compares the bytes alone: a link-local address matches whatever its scope
            return nic != null && nic.inetAddresses().anyMatch(address::equals);
        } catch (SocketException e) {
            return false;
        }
    }
}
