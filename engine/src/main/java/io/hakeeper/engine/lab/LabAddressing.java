package io.hakeeper.engine.lab;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The lab's address plan, derived from one host number so that a reader of a capture can tell the hosts
 * apart at a glance: host {@code h} is 192.0.2.h, 2001:db8::h (the same digits, read as hex) and MAC
 * 02:00:00:00:00:hh. Documentation ranges only, and only ever inside the lab's namespaces.
 */
final class LabAddressing {

    /** Node {@code i} (from 1) is host {@code NODE_BASE + i}, leaving room below for nothing and above for the client. */
    static final int NODE_BASE = 10;
    static final int CLIENT_HOST = 100;
    static final int MAX_NODES = CLIENT_HOST - NODE_BASE - 1;

    private LabAddressing() {
    }

    static Inet4Address ipv4(int host) {
        return (Inet4Address) literal("192.0.2." + host);
    }

    static Inet6Address ipv6(int host) {
        return (Inet6Address) literal("2001:db8::" + host);
    }

    static String mac(int host) {
        return String.format("02:00:00:00:00:%02x", host);
    }

    /** The kernel's default (EUI-64) link-local address for {@link #mac(int)}. */
    static Inet6Address linkLocal(int host) {
        String[] octets = mac(host).split(":");
        int[] b = new int[6];
        for (int i = 0; i < 6; i++) {
            b[i] = Integer.parseInt(octets[i], 16);
        }
        // EUI-64: flip the universal/local bit and put ff:fe in the middle of the MAC
        return (Inet6Address) literal(String.format("fe80::%x:%x:%x:%x",
                ((b[0] ^ 0x02) << 8) | b[1], (b[2] << 8) | 0xff, 0xfe00 | b[3], (b[4] << 8) | b[5]));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: never a name look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
