package io.hakeeper.engine.lab;

import java.net.Inet4Address;
import java.net.Inet6Address;

/**
 * One host of the lab: its own network namespace with one Ethernet interface on the lab's switch.
 *
 * @param name          the lab's name for it: {@code node1}, {@code node2}, ... or {@code client}
 * @param namespace     the network namespace, as {@code ip netns} names it
 * @param interfaceName its interface on the segment, the same in every namespace ({@code eth0})
 * @param switchPort    the other end of its veth pair, a port of the bridge in the switch namespace
 * @param mac           the interface's MAC address, fixed by the lab (locally administered)
 * @param ipv4          its IPv4 address in {@link NamespaceLab#IPV4_PREFIX_LENGTH 192.0.2.0/24}
 * @param ipv6          its global IPv6 address in {@link NamespaceLab#IPV6_PREFIX_LENGTH 2001:db8::/64}
 * @param ipv6LinkLocal its EUI-64 link-local address, the source of IPv6 VRRP adverts
 */
public record LabNode(String name, String namespace, String interfaceName, String switchPort, String mac,
        Inet4Address ipv4, Inet6Address ipv6, Inet6Address ipv6LinkLocal) {

    @Override
    public String toString() {
        return name + "(" + namespace + ")";
    }
}
