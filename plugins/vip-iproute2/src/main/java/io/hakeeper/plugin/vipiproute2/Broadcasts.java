package io.hakeeper.plugin.vipiproute2;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** An IPv4 VIP's {@code brd}: an address, or {@code +} / {@code -} computed from the prefix as by {@code ip}. */
final class Broadcasts {

    private Broadcasts() {
    }

    /** @throws IllegalArgumentException when the word is not a dotted IPv4 literal */
    static InetAddress literal(String word) {
        if (word.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                // a literal: nothing is resolved
                InetAddress address = InetAddress.getByName(word);
                if (address instanceof Inet4Address) {
                    return address;
                }
            } catch (UnknownHostException e) {
                // said below
            }
        }
        throw new IllegalArgumentException("broadcast \"" + word + "\" is not an IPv4 address, + or -");
    }

    /** The address with every host bit set ({@code brd +}) or cleared ({@code brd -}). */
    static byte[] computed(Inet4Address address, int prefixLength, boolean set) {
        int bits = ByteBuffer.wrap(address.getAddress()).getInt();
        int hostMask = prefixLength == 0 ? -1 : (1 << (32 - prefixLength)) - 1;
        return ByteBuffer.allocate(4).putInt(set ? bits | hostMask : bits & ~hostMask).array();
    }
}
