package io.hakeeper.engine.net;

import java.nio.ByteBuffer;

/**
 * Room for several packets read from a socket by one recvmmsg(2) ({@link RawVrrpSocket#receive(ReceiveBatch)}):
 * a {@code struct mmsghdr} array whose messages each have their own buffer, address and control memory, all
 * allocated once, with a {@link ReceivedPacket} per message to describe it. A batch that comes back less than
 * full emptied the socket's queue, so the reader needs no second call that finds it empty. One thread.
 */
public final class ReceiveBatch {

    /**
     * Bytes per packet: more than any VRRP packet (255 IPv6 addresses make 4,088; IPv4 with its header, AH
     * and 255 addresses stays under 1,200). A longer packet is cut, flagged {@link ReceivedPacket#truncated}.
     */
    public static final int PACKET_BYTES = 4096;
    // struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; }, padded to 8
    private static final int MMSGHDR_SIZE = 64;
    private static final int MSG_LEN = MessageBuffers.MSGHDR_SIZE;

    final NativeMemory vector;
    private final MessageBuffers[] messages;
    private final ByteBuffer[] buffers;
    private final ReceivedPacket[] packets;
    /** Messages the kernel filled in the last receive, whose lengths it overwrote. */
    private int count;

    public ReceiveBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a batch holds at least one packet: " + capacity);
        }
        vector = NativeMemory.allocate(capacity * MMSGHDR_SIZE);
        messages = new MessageBuffers[capacity];
        buffers = new ByteBuffer[capacity];
        packets = new ReceivedPacket[capacity];
        for (int i = 0; i < capacity; i++) {
            messages[i] = new MessageBuffers(vector.slice((long) i * MMSGHDR_SIZE, MessageBuffers.MSGHDR_SIZE));
            buffers[i] = ByteBuffer.allocateDirect(PACKET_BYTES);
            messages[i].payload(Native.addressOf(buffers[i]), PACKET_BYTES);
            packets[i] = new ReceivedPacket();
        }
    }

    public int capacity() {
        return messages.length;
    }

    /** How many packets the last receive brought: 0 after one that found none or failed. */
    public int count() {
        return count;
    }

    /** The {@code index}th packet of the last receive, from position 0 to its length. Never keep it. */
    public ByteBuffer buffer(int index) {
        return buffers[index];
    }

    /** Where the {@code index}th packet of the last receive came from and went to. */
    public ReceivedPacket packet(int index) {
        return packets[index];
    }

    // Filled by RawVrrpSocket.

    /** Gives every message the room the kernel may fill: the previous receive shrank the lengths it used. */
    void prepare(int nameLength, int controlLength) {
        for (int i = 0; i < messages.length; i++) {
            messages[i].lengths(nameLength, controlLength);
        }
        count = 0;
    }

    MessageBuffers message(int index) {
        return messages[index];
    }

    /** Bytes the kernel placed in the {@code index}th message's buffer. */
    int receivedLength(int index) {
        return vector.getInt((long) index * MMSGHDR_SIZE + MSG_LEN);
    }

    void received(int count) {
        this.count = count;
    }
}
