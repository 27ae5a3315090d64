package io.hakeeper.engine.vrrp.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.engine.config.model.Family;

/**
 * One advert as it is on the wire, with what it says. For IPv4, {@code wire} is the whole IP packet, as a
 * raw socket delivers it; for IPv6 it is the VRRP message alone and {@code source}, {@code destination}
 * and {@code hopLimit} are what recvmsg reports beside it.
 *
 * @param password the PASS key the advert carries, when it carries one
 */
public record AdvertVector(String name, AdvertSpec spec, Optional<String> password, int priority,
                           byte[] source, byte[] destination, int hopLimit, byte[] wire) {

    /** Frames and validates the vector's bytes with {@code view}. */
    public AdvertVerdict decodeWith(AdvertView view) {
        ByteBuffer buffer = ByteBuffer.wrap(wire.clone());
        if (spec.family() == Family.IPV4) {
            return view.decodeIpv4(buffer, 0, wire.length, spec.v3ChecksumAsV2());
        }
        return view.decodeIpv6(buffer, 0, wire.length, source, destination, hopLimit);
    }

    /** An encoder that writes this vector's advert. */
    public AdvertEncoder encoder() {
        return new AdvertEncoder(spec, password.<AuthMethod>map(PassLikeAuth::new));
    }

    /** Encodes the advert again the way it is on the wire (whole IPv4 packet, or IPv6 message). */
    public byte[] reencode() {
        ByteBuffer out = ByteBuffer.allocate(wire.length + 64);
        AdvertEncoder encoder = encoder();
        int length = spec.family() == Family.IPV4
                ? encoder.encodeIpv4Packet(out, 0, priority, source, destination)
                : encoder.encodeMessage(out, 0, priority, source, destination);
        byte[] bytes = new byte[length];
        out.get(0, bytes);
        return bytes;
    }

    /** Bytes written as ints, so that a vector reads like the RFC's layout. */
    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xff) {
                throw new IllegalArgumentException("not a byte: " + values[i]);
            }
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    public static byte[] ip(String literal) {
        return address(literal).getAddress();
    }

    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    public static List<InetAddress> addresses(String... literals) {
        return java.util.Arrays.stream(literals).map(AdvertVector::address).toList();
    }
}
