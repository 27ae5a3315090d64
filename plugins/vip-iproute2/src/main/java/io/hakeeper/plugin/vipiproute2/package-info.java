/**
 * The VIP backend {@code iproute2}: adds and removes keepalived's {@code virtual_ipaddress},
 * {@code virtual_ipaddress_excluded} and {@code virtual_routes} by running the {@code ip} command, and
 * reads an interface's addresses back from {@code ip -j addr show}.
 *
 * <p>Every call runs {@code ip} directly (argv, never a shell) with a timeout, and is idempotent: an
 * address already present, or a route or address already gone, is success. What is added follows
 * keepalived's own netlink requests (IPv6 without duplicate address detection, a /128 IPv6 VIP
 * deprecated so that it is not chosen as a source address).
 */
package io.hakeeper.plugin.vipiproute2;
