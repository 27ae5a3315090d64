package io.hakeeper.engine.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.vrrp.packet.AdvertEncoder;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;
import io.hakeeper.engine.vrrp.packet.PassLikeAuth;
import io.hakeeper.engine.vrrp.packet.VrrpWire;

/**
 * A random valid advert and the bytes the encoder made of it: a whole IPv4 packet, or an IPv6 message with
 * the addresses and hop limit recvmsg would report.
 */
record RandomAdvert(AdvertSpec spec, Optional<byte[]> password, int priority, byte[] source, byte[] destination,
                    byte[] wire) {

    private static final byte[] IPV4_GROUP = {(byte) 224, 0, 0, 18};
    private static final byte[] IPV6_GROUP = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};

    static RandomAdvert generate(SplittableRandom random, boolean multicast) {
        Family family = random.nextBoolean() ? Family.IPV4 : Family.IPV6;
        int version = family == Family.IPV6 || random.nextBoolean() ? 3 : 2;
        int length = family == Family.IPV4 ? 4 : 16;
        int interval = version == 2 ? random.nextInt(1, 256) * 100
                : random.nextInt(1, VrrpWire.V3_MAX_INTERVAL_CENTISECONDS + 1);
        // mostly a handful of VIPs, now and then the most a count can say
        int count = random.nextInt(100) == 0 ? random.nextInt(256) : random.nextInt(6);
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(address(randomBytes(random, length)));
        }
        boolean v3ChecksumAsV2 = family == Family.IPV4 && version == 3 && random.nextInt(4) == 0;
        AdvertSpec spec = new AdvertSpec(version, family, random.nextInt(1, 256), interval, addresses, v3ChecksumAsV2);
        Optional<byte[]> password = version == 2 && random.nextBoolean()
                ? Optional.of(printable(random, random.nextInt(1, 9))) : Optional.empty();
        byte[] source = randomBytes(random, length);
        byte[] destination = multicast ? (family == Family.IPV4 ? IPV4_GROUP : IPV6_GROUP).clone()
                : unicast(randomBytes(random, length));
        return encode(spec, password, random.nextInt(256), source, destination);
    }

    static RandomAdvert encode(AdvertSpec spec, Optional<byte[]> password, int priority, byte[] source,
                               byte[] destination) {
        AdvertEncoder encoder = new AdvertEncoder(spec, password.<AuthMethod>map(PassLikeAuth::new));
        ByteBuffer out = ByteBuffer.allocate(VrrpWire.IPV4_HEADER_LENGTH + spec.messageLength());
        int written = spec.family() == Family.IPV4
                ? encoder.encodeIpv4Packet(out, 0, priority, source, destination)
                : encoder.encodeMessage(out, 0, priority, source, destination);
        byte[] wire = new byte[written];
        out.get(0, wire);
        return new RandomAdvert(spec, password, priority, source, destination, wire);
    }

    /** Where the VRRP message starts in {@link #wire()}. */
    int vrrpOffset() {
        return spec.family() == Family.IPV4 ? VrrpWire.IPV4_HEADER_LENGTH : 0;
    }

    /** What an instance that sent this advert itself expects, in the advert's mode (multicast or unicast). */
    ReceiveExpectations expectations() {
        List<InetAddress> peers = VrrpWire.isMulticast(destination) ? List.of() : List.of(address(source));
        return new ReceiveExpectations(spec.version(), spec.family(), spec.vrid(), spec.intervalCentiseconds(),
                password.<AuthMethod>map(PassLikeAuth::new), spec.addresses(), peers, true, true, false,
                spec.v3ChecksumAsV2());
    }

    static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] printable(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt('!', '~' + 1);
        }
        return bytes;
    }

    private static byte[] unicast(byte[] address) {
        address[0] = (byte) (address.length == 4 ? 10 : 0xfe); // 10/8 or fe00::/8: never multicast
        return address;
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("4 or 16 bytes", e);
        }
    }
}
