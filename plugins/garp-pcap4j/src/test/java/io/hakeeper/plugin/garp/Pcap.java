package io.hakeeper.plugin.garp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The frames of a classic pcap file (tcpdump -w), as captured: for comparing them byte for byte. */
final class Pcap {

    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private Pcap() {
    }

    static List<byte[]> frames(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
            if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
                throw new IOException(file + " is not a pcap file (magic " + Integer.toHexString(magic) + ")");
            }
        }
        List<byte[]> frames = new ArrayList<>();
        int at = FILE_HEADER;
        while (at + RECORD_HEADER <= in.limit()) {
            int captured = in.getInt(at + 8);
            int start = at + RECORD_HEADER;
            frames.add(Arrays.copyOfRange(in.array(), start, start + captured));
            at = start + captured;
        }
        return frames;
    }
}
