/**
 * The VIP backends of the Linux IP stack, {@code iproute2} and {@code netlink}: they add and remove
 * keepalived's {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} and {@code virtual_routes}
 * and read an interface's addresses back.
 *
 * <p>{@code iproute2} runs the {@code ip} command for everything: directly (argv, never a shell), with a
 * timeout, addresses read back from {@code ip -j addr show}. {@code netlink} sends the same address
 * requests {@code ip addr} sends over a NETLINK_ROUTE socket of its own (JNA, carried in this plugin's
 * jar), with a receive timeout, and leaves routes to {@code iproute2}'s {@code ip route}.
 *
 * <p>Both are idempotent: an address already present, or a route or address already gone, is success.
 * What is added follows keepalived's own netlink requests (IPv6 without duplicate address detection, a
 * /128 IPv6 VIP deprecated so that it is not chosen as a source address). Both mark what they add as
 * hakeeper's (the address protocol, {@code VipBackend.ADDRESS_PROTOCOL}) and remove only marked addresses,
 * so that a host's own address, such as an address owner's VIP, is never taken away.
 */
package io.hakeeper.plugin.vipiproute2;
