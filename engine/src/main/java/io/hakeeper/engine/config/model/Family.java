package io.hakeeper.engine.config.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** The address family of an instance, decided by its first VIP. */
public enum Family {
    IPV4("IPv4"),
    IPV6("IPv6");

    private final String label;

    Family(String label) {
        this.label = label;
    }

    public static Family of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }

    @Override
    public String toString() {
        return label;
    }
}
