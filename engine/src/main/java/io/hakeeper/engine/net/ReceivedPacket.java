package io.hakeeper.engine.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import io.hakeeper.engine.config.model.Family;

/**
 * Where the last received packet came from and went to, filled in place by
 * {@link RawVrrpSocket#receive}: one per receiving thread, reused for every packet, so a receive allocates
 * nothing. Read it before the next receive; never keep it.
 *
 * <p>The packet itself is in the caller's buffer: for IPv4 it starts with the IP header (the kernel gives
 * it to raw sockets, and the auth methods must see it), so the VRRP message starts at
 * {@link #payloadOffset()}; for IPv6 the kernel strips the header and the offset is 0.
 */
public final class ReceivedPacket {

    private Family family = Family.IPV4;
    private int length;
    private int payloadOffset;
    private int hopLimit = -1;
    private boolean truncated;
    private boolean otherInterface;
    private long arrivedAtRealtimeNanos;
    private final byte[] source = new byte[16];
    private final byte[] destination = new byte[16];

    /** Bytes placed in the buffer, IP header included for IPv4. */
    public int length() {
        return length;
    }

    /** Where the VRRP (or AH) header starts in the buffer. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return length - payloadOffset;
    }

    /** The IPv4 TTL or IPv6 hop limit the packet arrived with; a VRRP packet not at 255 crossed a router. */
    public int hopLimit() {
        return hopLimit;
    }

    /**
     * When the kernel took the packet in, in nanoseconds of the wall clock (CLOCK_REALTIME, all the kernel
     * stamps packets with); 0 when it did not say. {@link ArrivalClock} puts it on the loop's clock.
     */
    public long arrivedAtRealtimeNanos() {
        return arrivedAtRealtimeNanos;
    }

    /** The packet was longer than the buffer and was cut; it must be dropped. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * The packet came in on another interface than the socket's: queued in the moment between the socket's
     * creation and its bind to the interface (or in flight on another CPU as the bind took hold). It must
     * be dropped: an advert of another segment is no news of this one.
     */
    public boolean otherInterface() {
        return otherInterface;
    }

    public Family family() {
        return family;
    }

    /** Copies the source address (4 or 16 bytes, network order) into {@code into}; returns its length. */
    public int copySource(byte[] into) {
        int size = addressSize();
        System.arraycopy(source, 0, into, 0, size);
        return size;
    }

    /** Copies the destination address into {@code into}; returns its length. */
    public int copyDestination(byte[] into) {
        int size = addressSize();
        System.arraycopy(destination, 0, into, 0, size);
        return size;
    }

    /** The source address as an object: allocates, so for tests and logs, not for every packet. */
    public InetAddress sourceAddress() {
        return toAddress(source);
    }

    /** The destination address as an object: allocates, so for tests and logs, not for every packet. */
    public InetAddress destinationAddress() {
        return toAddress(destination);
    }

    private InetAddress toAddress(byte[] address) {
        try {
            return InetAddress.getByAddress(Arrays.copyOf(address, addressSize()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
        }
    }

    private int addressSize() {
        return family == Family.IPV4 ? 4 : 16;
    }

    // Filled by RawVrrpSocket on the receiving thread.

    void reset(Family family, int length, boolean truncated) {
        this.family = family;
        this.length = length;
        this.truncated = truncated;
        this.payloadOffset = 0;
        this.hopLimit = -1;
        this.otherInterface = false;
        this.arrivedAtRealtimeNanos = 0;
    }

    void arrivedAtRealtimeNanos(long nanos) {
        this.arrivedAtRealtimeNanos = nanos;
    }

    void otherInterface(boolean otherInterface) {
        this.otherInterface = otherInterface;
    }

    void payloadOffset(int offset) {
        this.payloadOffset = offset;
    }

    void hopLimit(int hopLimit) {
        this.hopLimit = hopLimit;
    }

    byte[] sourceBytes() {
        return source;
    }

    byte[] destinationBytes() {
        return destination;
    }
}
