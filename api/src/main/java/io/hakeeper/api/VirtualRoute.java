package io.hakeeper.api;

import java.util.List;

/**
 * A route installed while master, as keepalived's {@code virtual_routes} writes it:
 * {@code 10.1.0.0/16 via 192.168.200.1 dev eth1 metric 10}.
 *
 * @param destination the destination prefix, or {@code default}
 * @param options     the remaining words, in order, as {@code ip route} takes them
 */
public record VirtualRoute(String destination, List<String> options) {
}
