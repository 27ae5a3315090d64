package io.hakeeper.engine.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.vrrp.packet.AdvertSpec;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;
import io.hakeeper.engine.vrrp.packet.VrrpWire;

/**
 * A million random and mutated packets through the codec and the receive checks. Seeded: a failure names
 * its seed, and {@code -Dhakeeper.seed=N} runs that seed again.
 */
class AdvertPropertyTest {

    private static final int PACKETS = 1_000_000;
    private static final int VRID_OFFSET = 1;
    private static final int COUNT_OFFSET = 3;
    private static final int CHECKSUM_OFFSET = 6;
    private static final int TTL_OFFSET = 8;

    private final AdvertView view = new AdvertView();
    /** Packets decoded so far. */
    private int packets;
    /** One for the whole run, as one per socket: its rate-limited log then writes one line, not thousands. */
    private final VridDemultiplexer<String> demultiplexer = new VridDemultiplexer<>("test", 1_000_000_000L);

    @Test
    void everyPacketGivesAVerdictAndEveryMutationItsOwnReason() {
        long seed = Long.getLong("hakeeper.seed", new SplittableRandom().nextLong());
        SplittableRandom random = new SplittableRandom(seed);
        int round = 0;
        try {
            for (; packets < PACKETS; round++) {
                anyBytesGiveAVerdict(random);
                // one random advert per round, seen unchanged and under each mutation: generating is the
                // expensive part, so this keeps a million packets within a few seconds
                RandomAdvert advert = RandomAdvert.generate(random, random.nextBoolean());
                decodingThenEncodingGivesTheSameBytes(advert);
                mutatedAdvertsGiveAVerdict(advert, random);
                aFlippedChecksumBitIsABadChecksum(advert, random);
                shorteningByOneByteIsALengthError(advert);
                aCountThatDisagreesWithTheLengthIsALengthError(advert, random);
                ttl254IsATtlErrorInMulticastModeOnly(advert);
                aWrongVridReachesNoInstance(advert, random);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("failed in round " + round + "; run again with -Dhakeeper.seed=" + seed, e);
        }
    }

    /** Random bytes, often with a plausible first byte so that more of them get past the first check. */
    private void anyBytesGiveAVerdict(SplittableRandom random) {
        byte[] bytes = RandomAdvert.randomBytes(random, random.nextInt(0, 120));
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = (byte) (random.nextBoolean() ? 0x45 : 0x31);
        }
        if (bytes.length > 9 && random.nextBoolean()) {
            bytes[9] = (byte) VrrpWire.PROTOCOL_VRRP;
        }
        assertConsistent(decode(bytes, bytes.length, random.nextBoolean(), random), bytes);
    }

    private void mutatedAdvertsGiveAVerdict(RandomAdvert advert, SplittableRandom random) {
        byte[] bytes = advert.wire().clone();
        for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
            int index = random.nextInt(bytes.length);
            bytes[index] ^= (byte) (1 << random.nextInt(8));
        }
        int length = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
        AdvertVerdict verdict = decode(advert, bytes, length);
        assertConsistent(verdict, bytes);
        if (verdict == AdvertVerdict.ACCEPTED) {
            // whatever the flips did, the checks after decoding must still give a verdict, never throw
            assertNotNull(ReceiveChecks.check(view, advert.expectations()));
        }
    }

    private void decodingThenEncodingGivesTheSameBytes(RandomAdvert advert) {
        assertEquals(AdvertVerdict.ACCEPTED, decode(advert, advert.wire().clone(), advert.wire().length));
        RandomAdvert again = RandomAdvert.encode(specOfView(advert.spec().v3ChecksumAsV2()), authDataOfView(),
                view.priority(), sourceOfView(), destinationOfView());
        assertArrayEquals(advert.wire(), again.wire());
    }

    private void aFlippedChecksumBitIsABadChecksum(RandomAdvert advert, SplittableRandom random) {
        byte[] bytes = advert.wire().clone();
        bytes[advert.vrrpOffset() + CHECKSUM_OFFSET + random.nextInt(2)] ^= (byte) (1 << random.nextInt(8));
        assertEquals(AdvertVerdict.BAD_CHECKSUM, decode(advert, bytes, bytes.length));
    }

    private void shorteningByOneByteIsALengthError(RandomAdvert advert) {
        int messageLength = advert.wire().length - advert.vrrpOffset();
        AdvertVerdict expected = messageLength - 1 < VrrpWire.HEADER_LENGTH
                ? AdvertVerdict.TOO_SHORT : AdvertVerdict.ADDRESS_COUNT_MISMATCH;
        assertEquals(expected, decode(advert, advert.wire().clone(), advert.wire().length - 1));
    }

    private void aCountThatDisagreesWithTheLengthIsALengthError(RandomAdvert advert, SplittableRandom random) {
        byte[] bytes = advert.wire().clone();
        int count = advert.spec().addresses().size();
        int other = (count + random.nextInt(1, 256)) % 256;
        bytes[advert.vrrpOffset() + COUNT_OFFSET] = (byte) other;
        assertEquals(AdvertVerdict.ADDRESS_COUNT_MISMATCH, decode(advert, bytes, bytes.length));
    }

    /** The sender's own configuration accepts its advert; at TTL 254 only in unicast mode, as keepalived. */
    private void ttl254IsATtlErrorInMulticastModeOnly(RandomAdvert advert) {
        byte[] bytes = advert.wire().clone();
        assertEquals(AdvertVerdict.ACCEPTED, frame(advert, bytes, bytes.length, VrrpWire.TTL));
        assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(view, advert.expectations()));
        if (advert.spec().family() == Family.IPV4) {
            bytes[TTL_OFFSET] = (byte) 254;
        }
        assertEquals(AdvertVerdict.ACCEPTED, frame(advert, bytes, bytes.length, 254));
        AdvertVerdict expected = view.unicast() ? AdvertVerdict.ACCEPTED : AdvertVerdict.BAD_TTL;
        assertEquals(expected, ReceiveChecks.check(view, advert.expectations()));
    }

    private void aWrongVridReachesNoInstance(RandomAdvert advert, SplittableRandom random) {
        demultiplexer.register(advert.spec().vrid(), "ours");
        long vridErrors = demultiplexer.counters().get(VrrpCounter.VRID_ERR);
        byte[] bytes = advert.wire().clone();
        assertEquals("ours", demultiplexer.route(frame(advert, bytes, bytes.length, VrrpWire.TTL), view, 0));
        bytes[advert.vrrpOffset() + VRID_OFFSET] = (byte) ((advert.spec().vrid() + random.nextInt(1, 256)) % 256);
        assertNull(demultiplexer.route(frame(advert, bytes, bytes.length, VrrpWire.TTL), view, 0));
        assertEquals(vridErrors + 1, demultiplexer.counters().get(VrrpCounter.VRID_ERR));
        demultiplexer.unregister(advert.spec().vrid());
    }

    private AdvertVerdict decode(byte[] bytes, int length, boolean ipv4, SplittableRandom random) {
        packets++;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (ipv4) {
            return view.decodeIpv4(buffer, 0, length, random.nextBoolean());
        }
        return view.decodeIpv6(buffer, 0, length, RandomAdvert.randomBytes(random, 16),
                RandomAdvert.randomBytes(random, 16), random.nextInt(256));
    }

    private AdvertVerdict decode(RandomAdvert advert, byte[] bytes, int length) {
        AdvertVerdict framing = frame(advert, bytes, length, VrrpWire.TTL);
        return framing == AdvertVerdict.ACCEPTED ? view.validate(advert.spec().v3ChecksumAsV2()) : framing;
    }

    private AdvertVerdict frame(RandomAdvert advert, byte[] bytes, int length, int hopLimit) {
        packets++;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return advert.spec().family() == Family.IPV4 ? view.wrapIpv4(buffer, 0, length)
                : view.wrapIpv6(buffer, 0, length, advert.source(), advert.destination(), hopLimit);
    }

    /** A decoder's verdict is never null, and an accepted packet is a well-formed advert. */
    private void assertConsistent(AdvertVerdict verdict, byte[] bytes) {
        assertNotNull(verdict);
        if (verdict == AdvertVerdict.ACCEPTED) {
            assertTrue(view.lengthMatchesCount() && view.hasKnownVersion() && view.isAdvertisement());
            assertTrue(view.vrrpOffset() + view.vrrpLength() <= bytes.length);
        } else {
            assertTrue(!verdict.isAccepted(), "the decoder never gives a receive-check verdict: " + verdict);
        }
    }

    private AdvertSpec specOfView(boolean v3ChecksumAsV2) {
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < view.addressCount(); i++) {
            byte[] address = new byte[view.addressLength()];
            view.copyAddress(i, address);
            addresses.add(RandomAdvert.address(address));
        }
        return new AdvertSpec(view.version(), view.family(), view.vrid(), view.intervalCentiseconds(), addresses,
                v3ChecksumAsV2);
    }

    private Optional<byte[]> authDataOfView() {
        if (view.authType() != VrrpWire.AUTH_PASS) {
            return Optional.empty();
        }
        byte[] key = new byte[VrrpWire.V2_AUTH_DATA_LENGTH];
        view.buffer().get(view.vrrpOffset() + view.vrrpLength() - key.length, key);
        return Optional.of(key);
    }

    private byte[] sourceOfView() {
        byte[] source = new byte[view.addressLength()];
        view.copySource(source);
        return source;
    }

    private byte[] destinationOfView() {
        byte[] destination = new byte[view.addressLength()];
        view.copyDestination(destination);
        return destination;
    }
}
