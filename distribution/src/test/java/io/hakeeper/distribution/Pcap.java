package io.hakeeper.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Ethernet frames of a classic pcap file as tcpdump writes it: just enough to hand the bytes of
 * captured packets to hakeeper's codec, with nothing of tshark's decoding in between.
 */
final class Pcap {

    private static final int LINKTYPE_ETHERNET = 1;

    private Pcap() {
    }

    /** Every frame's bytes, in capture order. */
    static List<byte[]> frames(Path pcap) {
        ByteBuffer file;
        try {
            file = ByteBuffer.wrap(Files.readAllBytes(pcap));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int magic = file.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            file.order(ByteOrder.BIG_ENDIAN);
            magic = file.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new AssertionError(pcap + " is not a classic pcap file");
            }
        }
        if (file.getInt(20) != LINKTYPE_ETHERNET) {
            throw new AssertionError(pcap + " is not an Ethernet capture");
        }
        List<byte[]> frames = new ArrayList<>();
        int at = 24;
        while (at + 16 <= file.limit()) {
            int captured = file.getInt(at + 8);
            at += 16;
            if (at + captured > file.limit()) {
                break; // a frame cut off by the end of the capture
            }
            byte[] frame = new byte[captured];
            file.get(at, frame);
            frames.add(frame);
            at += captured;
        }
        return frames;
    }
}
