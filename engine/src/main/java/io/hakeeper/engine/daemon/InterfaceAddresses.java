package io.hakeeper.engine.daemon;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * The addresses of this host's interfaces, read in the daemon's own network namespace: the primary IPv4
 * address an instance sends from when no mcast_src_ip / unicast_src_ip is given (keepalived takes the
 * interface's first address too), and whether a configured source is one of the interface's. Read when
 * instances are made, never per advert.
 */
final class InterfaceAddresses {

    private InterfaceAddresses() {
    }

    static Optional<InetAddress> firstIpv4(String interfaceName) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(interfaceName);
            if (nic == null) {
                return Optional.empty();
            }
            // NetworkInterface lists the newest address first; the primary one is the oldest
            return nic.inetAddresses().filter(Inet4Address.class::isInstance)
                    .reduce((first, second) -> second);
        } catch (SocketException e) {
            return Optional.empty();
        }
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
