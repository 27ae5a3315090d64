package io.hakeeper.engine.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.testsupport.PcapFile;
import io.hakeeper.engine.testsupport.Requirements;

/**
 * An independent reading of the codec's bytes: the vectors, and adverts the encoder writes, go into a
 * pcap that tshark's VRRP dissector must find well-formed with a good checksum. tshark applies
 * {@code v3_checksum_as_in_v2} to a whole file, so the adverts summed that way get a file of their own.
 */
class TsharkChecksumTest {

    /** tshark's {@code vrrp.checksum.status}: 1 is good, 0 bad, 2 unverified. */
    private static final String GOOD = "1";

    @TempDir
    Path directory;

    @Test
    void tsharkFindsTheChecksumOfEveryVectorGood() throws Exception {
        List<AdvertVector> standard = AdvertVectors.ALL.stream().filter(v -> !v.spec().v3ChecksumAsV2()).toList();
        assertEveryChecksumGood(standard, false);
    }

    @Test
    void tsharkFindsV3ChecksumsSummedAsV2GoodWhenToldTo() throws Exception {
        assertEveryChecksumGood(List.of(AdvertVectors.V3_IPV4_CHECKSUM_AS_V2), true);
    }

    @Test
    void tsharkFindsTheChecksumOfEncodedAdvertsGoodAcrossPrioritiesAndAddressCounts() throws Exception {
        List<AdvertVector> encoded = new ArrayList<>();
        for (AdvertVector vector : AdvertVectors.ALL) {
            if (!vector.spec().v3ChecksumAsV2()) {
                for (int priority : new int[] {0, 1, 77, 254, 255}) {
                    encoded.add(withPriority(vector, priority));
                }
            }
        }
        assertEveryChecksumGood(encoded, false);
    }

    @Test
    void tsharkWouldSeeABadChecksumSoTheseTestsHaveTeeth() throws Exception {
        Path tshark = Requirements.requireTool("tshark");
        List<byte[]> packets = new ArrayList<>();
        for (AdvertVector vector : List.of(AdvertVectors.V2_IPV4_PASS, AdvertVectors.V3_IPV6)) {
            byte[] damaged = packetOf(vector);
            damaged[damaged.length - 1] ^= 0x10;
            packets.add(damaged);
        }
        Path capture = directory.resolve("damaged.pcap");
        PcapFile.writeRawIp(capture, packets);
        assertEquals(List.of("0", "0"), statuses(tshark, capture, false));
    }

    private static AdvertVector withPriority(AdvertVector vector, int priority) {
        AdvertVector template = new AdvertVector(vector.name(), vector.spec(), vector.password(), priority,
                vector.source(), vector.destination(), vector.hopLimit(), vector.wire());
        return new AdvertVector(vector.name() + " priority " + priority, vector.spec(), vector.password(),
                priority, vector.source(), vector.destination(), vector.hopLimit(), template.reencode());
    }

    private void assertEveryChecksumGood(List<AdvertVector> vectors, boolean v3ChecksumAsV2) throws Exception {
        Path tshark = Requirements.requireTool("tshark");
        Path capture = directory.resolve("adverts.pcap");
        PcapFile.writeRawIp(capture, vectors.stream().map(TsharkChecksumTest::packetOf).toList());

        List<String> statuses = statuses(tshark, capture, v3ChecksumAsV2);

        assertEquals(vectors.size(), statuses.size(), "one line per packet written: " + statuses);
        for (int i = 0; i < vectors.size(); i++) {
            assertEquals(GOOD, statuses.get(i), vectors.get(i).name() + ": tshark's checksum status");
        }
    }

    /** The whole IP packet: IPv4 vectors are one already, IPv6 ones get the header recvmsg stripped. */
    private static byte[] packetOf(AdvertVector vector) {
        return vector.spec().family() == Family.IPV4 ? vector.wire().clone()
                : PcapFile.withIpv6Header(vector.wire(), VrrpWire.PROTOCOL_VRRP, vector.hopLimit(),
                        vector.source(), vector.destination());
    }

    private static List<String> statuses(Path tshark, Path capture, boolean v3ChecksumAsV2)
            throws IOException, InterruptedException {
        return run(tshark.toString(), "-n", "-r", capture.toString(),
                "-o", "vrrp.v3_checksum_as_in_v2:" + (v3ChecksumAsV2 ? "TRUE" : "FALSE"),
                "-T", "fields", "-e", "vrrp.checksum.status");
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD) // "running as root" warnings
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not finish within 60 s");
        }
        assertEquals(0, process.exitValue(), "tshark exit status; output: " + output);
        return output.lines().toList();
    }
}
