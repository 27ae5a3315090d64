package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;

/**
 * An interface's addresses over a NETLINK_ROUTE socket of the plugin's own: the requests {@code ip addr}
 * sends (see {@link RtRequests}), with hakeeper's mark ({@link VipBackend#ADDRESS_PROTOCOL} in IFA_PROTO)
 * on what it adds, and each address's mark read back. Both backends use it: the netlink backend for
 * everything it does to addresses, the iproute2 backend to mark what {@code ip} added and to read marks,
 * because {@code ip} before iproute2 6.4 (Debian 12 has 6.1) can neither write nor show IFA_PROTO.
 *
 * <p>One request at a time (the methods are synchronized), each with its own sequence number and an
 * acknowledgement awaited at most the socket's timeout. Interface indexes are asked of the kernel
 * (SIOCGIFINDEX) on the same socket, so that they are looked up in the socket's network namespace.
 */
final class NetlinkAddresses implements AutoCloseable {

    /** {@link #protocolOf}'s answer for an address the interface does not hold. */
    static final int ABSENT = -1;
    /** For requests whose only answer is the acknowledgement. */
    private static final RtReplies.Handler NO_MESSAGES = (type, datagram, start, end) -> {
    };
    /** What {@link #warmUp} encodes: documentation addresses, with every IPv4 option a VIP may carry. */
    private static final List<VirtualAddress> WARM_UP = List.of(
            new VirtualAddress(literal("192.0.2.1"), 24, Optional.empty(), Optional.of("+"), Optional.of("global"),
                    Optional.of("eth0:1")),
            new VirtualAddress(literal("2001:db8::1"), 128, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()));

    private final NetlinkSocket socket;
    private final RtRequests requests = new RtRequests();
    private int sequence = (int) (System.nanoTime() & 0x3FFFFFFF);
    private long dumps;

    NetlinkAddresses(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * Adds the address marked as hakeeper's. An IPv4 address already there is EEXIST from the kernel
     * (same address and prefix), which leaves it as it was; 0 or the kernel's errno.
     */
    synchronized int addMarked(int index, VirtualAddress address) throws IOException {
        return exchange(addRequest(++sequence, index, address), null);
    }

    /**
     * {@link #addMarked}'s request for the address on the interface {@code index}, written now into a buffer
     * of its own for {@link #addPrepared} to send later: the encoding, 0.1-0.2 ms in a daemon's first
     * takeover, is then done before it.
     */
    synchronized ByteBuffer prepareAdd(int index, VirtualAddress address) throws IOException {
        ByteBuffer request = addRequest(0, index, address);
        ByteBuffer copy = ByteBuffer.allocateDirect(request.remaining()).order(request.order());
        copy.put(request).flip();
        return copy;
    }

    /** As {@link #addMarked}, with a request {@link #prepareAdd} wrote; one prepared request at a time. */
    synchronized int addPrepared(ByteBuffer request) throws IOException {
        request.putInt(8, ++sequence);
        return exchange(request, null);
    }

    /**
     * The add request, written without a lambda: a lambda is linked the first time it is made, which a
     * daemon's first takeover would pay (milliseconds) between its first advert and its first gratuitous ARP.
     */
    private ByteBuffer addRequest(int sequence, int index, VirtualAddress address) throws IOException {
        try {
            return requests.addMarkedAddress(sequence, index, address);
        } catch (IllegalArgumentException e) {
            throw new IOException("netlink: " + e.getMessage(), e);
        }
    }

    /**
     * Writes an add and a removal of each family into the request buffer and sends nothing, and looks up
     * the loopback's index (every namespace has one): the encoding and lookup code is then loaded and linked
     * before the first takeover, which would otherwise pay for it between its first advert and its first
     * gratuitous ARP.
     */
    synchronized void warmUp() {
        for (VirtualAddress vip : WARM_UP) {
            try {
                addRequest(0, 1, vip);
            } catch (IOException e) {
                throw new IllegalStateException("the warm-up's own address does not encode: " + vip.cidr(), e);
            }
            requests.removeAddress(0, 1, vip);
        }
        try {
            index("lo", "add", WARM_UP.get(0));
        } catch (IOException e) {
            // the first real call meets and reports whatever is wrong with the socket
        }
    }

    /** Marks an address that was just added by someone acting for hakeeper (the iproute2 backend's ip). */
    synchronized void mark(String device, VirtualAddress address) throws IOException {
        int index = index(device, "mark", address);
        int errno = exchange(encoded(() -> requests.markAddress(++sequence, index, address)), null);
        if (errno != 0) {
            throw failure("mark", device, address, errno);
        }
    }

    /** Removes the address; 0 or the kernel's errno (EADDRNOTAVAIL when it is not there). */
    synchronized int remove(int index, VirtualAddress address) throws IOException {
        return exchange(requests.removeAddress(++sequence, index, address), null);
    }

    /** The protocol of the device's entry with the same address and prefix length, or {@link #ABSENT}. */
    synchronized int protocolOf(String device, VirtualAddress address) throws IOException {
        return protocolOf(index(device, "read the addresses of"), device, address);
    }

    synchronized int protocolOf(int index, String device, VirtualAddress address) throws IOException {
        return dump(index, device).protocolOf(address);
    }

    synchronized List<VirtualAddress> list(int index, String device) throws IOException {
        return dump(index, device).addresses();
    }

    /** The interface's index in the socket's namespace; {@code purpose} words the failure. */
    synchronized int index(String device, String purpose) throws IOException {
        int index = socket.interfaceIndex(device);
        if (index <= 0) {
            int cause = index < 0 ? -index : Errno.ENODEV;
            throw new IOException("netlink: cannot " + purpose + " " + device + ": " + Errno.text(cause)
                    + " (errno " + cause + ")");
        }
        return index;
    }

    /**
     * As {@link #index(String, String)}, for {@code verb} ("add", "remove", "mark") on {@code address}: its
     * words are put together only on failure, not on every takeover's way to its first gratuitous ARP.
     */
    synchronized int index(String device, String verb, VirtualAddress address) throws IOException {
        int index = socket.interfaceIndex(device);
        if (index <= 0) {
            throw failure(verb, device, address, index < 0 ? -index : Errno.ENODEV);
        }
        return index;
    }

    static IOException failure(String verb, String device, VirtualAddress address, int errno) {
        String preposition = verb.equals("remove") ? " from " : verb.equals("add") ? " to " : " on ";
        return new IOException("netlink: cannot " + verb + " " + address.cidr() + preposition + device + ": "
                + Errno.text(errno) + " (errno " + errno + ")");
    }

    @Override
    public synchronized void close() {
        socket.close();
    }

    /** How many dumps of the host's addresses this socket asked for: each is a read of every address. */
    synchronized long dumps() {
        return dumps;
    }

    private AddressDump dump(int index, String device) throws IOException {
        dumps++;
        AddressDump dump = new AddressDump(index, device);
        int errno = exchange(requests.dumpAddresses(++sequence), dump);
        if (errno != 0) {
            throw new IOException("netlink: cannot list the addresses of " + device + ": " + Errno.text(errno));
        }
        return dump;
    }

    /** Sends the request and reads the answer to its end; 0 or the kernel's errno. */
    private int exchange(ByteBuffer request, RtReplies.Handler handler) throws IOException {
        int expected = request.getInt(8);
        RtReplies.Handler each = handler != null ? handler : NO_MESSAGES;
        socket.send(request);
        try {
            while (true) {
                int result = RtReplies.scan(socket.receive(), expected, each);
                if (result != RtReplies.MORE) {
                    return result;
                }
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Encoding refuses words it cannot write (scope, broadcast) with IllegalArgumentException. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Encoding {
        ByteBuffer request();
    }

    private static ByteBuffer encoded(Encoding encoding) throws IOException {
        try {
            return encoding.request();
        } catch (IllegalArgumentException e) {
            throw new IOException("netlink: " + e.getMessage(), e);
        }
    }
}
