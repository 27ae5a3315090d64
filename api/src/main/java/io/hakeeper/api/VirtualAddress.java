package io.hakeeper.api;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A virtual IP address as keepalived's {@code virtual_ipaddress} writes it:
 * {@code 192.168.200.17/24 dev eth1 brd 192.168.200.255 scope global label eth1:1}.
 *
 * @param address      the address itself
 * @param prefixLength the prefix length (32 or 128 when not written)
 * @param device       the interface, when not the instance's own
 * @param broadcast    the broadcast address, IPv4 only
 * @param scope        {@code global}, {@code site}, {@code link}, {@code host} or {@code nowhere}
 * @param label        the IPv4 address label
 */
public record VirtualAddress(InetAddress address, int prefixLength, Optional<String> device,
                             Optional<String> broadcast, Optional<String> scope, Optional<String> label) {

    /** {@code address/prefix}, the form {@code ip addr} prints. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
