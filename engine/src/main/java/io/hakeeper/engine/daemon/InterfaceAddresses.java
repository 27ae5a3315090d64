package io.hakeeper.engine.daemon;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses of this host's interfaces, read in the daemon's own network namespace: the primary IPv4
 * address an instance sends from when no mcast_src_ip / unicast_src_ip is given (keepalived takes the
 * interface's first address too).
 *
 * <p>One object is one look at the host, made for one batch of instances (the start, one reload): the
 * interfaces are listed once, at the first question, however many instances ask. The JDK lists every
 * address of every interface for each {@link NetworkInterface#getByName}, so asking it per instance made
 * starting 1,000 instances quadratic. A later batch makes a new one: addresses change between reloads.
 */
final class InterfaceAddresses {

    /** Per interface name (aliases such as eth0:1 included), its primary IPv4 address or empty. */
    private Map<String, Optional<InetAddress>> firstIpv4ByName;

    /** Whether the interface exists. */
    boolean exists(String interfaceName) {
        return listed().containsKey(interfaceName);
    }

    Optional<InetAddress> firstIpv4(String interfaceName) {
        return listed().getOrDefault(interfaceName, Optional.empty());
    }

    private Map<String, Optional<InetAddress>> listed() {
        if (firstIpv4ByName == null) {
            firstIpv4ByName = new HashMap<>();
            try {
                NetworkInterface.networkInterfaces().forEach(nic -> {
                    add(nic);
                    nic.subInterfaces().forEach(this::add);
                });
            } catch (SocketException e) {
                // an interface we cannot list is one we cannot send from: its instances stay in FAULT
            }
        }
        return firstIpv4ByName;
    }

    private void add(NetworkInterface nic) {
        // NetworkInterface lists the newest address first; the primary one is the oldest
        firstIpv4ByName.put(nic.getName(), nic.inetAddresses().filter(Inet4Address.class::isInstance)
                .reduce((first, second) -> second));
    }
}
