package io.hakeeper.engine.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a classic pcap file (the libpcap format every capture tool reads) of raw IP packets, so that
 * bytes made by hakeeper can be read back by an independent decoder such as tshark.
 */
public final class PcapFile {

    private static final int MAGIC = 0xa1b2c3d4;
    private static final int LINKTYPE_RAW = 101; // each packet starts with its IPv4 or IPv6 header
    private static final int SNAPLEN = 65_535;
    private static final int GLOBAL_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;

    private PcapFile() {
    }

    /** Writes {@code packets} (each a whole IP packet) to {@code file}, one second apart. */
    public static void writeRawIp(Path file, List<byte[]> packets) throws IOException {
        int size = GLOBAL_HEADER_LENGTH;
        for (byte[] packet : packets) {
            size += RECORD_HEADER_LENGTH + packet.length;
        }
        // the magic number tells readers the byte order; little-endian is the common one
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putShort((short) 2).putShort((short) 4) // format version 2.4
                .putInt(0).putInt(0) // UTC, timestamp accuracy
                .putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        int second = 1;
        for (byte[] packet : packets) {
            out.putInt(second++).putInt(0).putInt(packet.length).putInt(packet.length).put(packet);
        }
        Files.write(file, out.array());
    }

    /**
     * An IPv6 header (RFC 8200) followed by {@code payload}: for upper-layer messages that an IPv6 raw
     * socket hands over without their header.
     */
    public static byte[] withIpv6Header(byte[] payload, int nextHeader, int hopLimit, byte[] source,
                                        byte[] destination) {
        ByteBuffer packet = ByteBuffer.allocate(40 + payload.length);
        packet.putInt(0x6000_0000) // version 6, traffic class 0, flow label 0
                .putShort((short) payload.length)
                .put((byte) nextHeader)
                .put((byte) hopLimit)
                .put(source)
                .put(destination)
                .put(payload);
        return packet.array();
    }
}
