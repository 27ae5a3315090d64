package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.List;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * Adds, removes and lists VIPs over rtnetlink inside the daemon, as keepalived does, so that no process is
 * started between a takeover and its gratuitous ARPs. The requests are those {@code ip addr} sends (see
 * {@link RtRequests}); routes take arbitrary {@code ip route} words and so go on through {@code ip}, by the
 * iproute2 backend given.
 *
 * <p>One request at a time (the methods are synchronized), each with its own sequence number and an
 * acknowledgement awaited at most the socket's timeout. An address goes on its own {@code dev} when it
 * names one, else on the instance's interface, whose index is asked of the kernel (RTM_GETLINK) on the
 * same socket, so that it is looked up in the socket's network namespace.
 *
 * <p>Idempotence, as the iproute2 backend decides it: where the error alone says it (EEXIST for an IPv4
 * address, which the kernel gives only for the same address and prefix; EADDRNOTAVAIL on removal), the
 * error is success; on any other failure the interface's addresses are read back, and an entry with the
 * same address and prefix length present after an add, or absent after a removal, is success too.
 */
final class NetlinkBackend implements VipBackend {

    private final NetlinkSocket socket;
    private final VipBackend routes;
    private final RtRequests requests = new RtRequests();
    private int sequence = (int) (System.nanoTime() & 0x3FFFFFFF);

    /**
     * @param socket the socket requests go over; closed with this backend
     * @param routes where routes go: the iproute2 backend, which runs {@code ip route}
     */
    NetlinkBackend(NetlinkSocket socket, VipBackend routes) {
        this.socket = socket;
        this.routes = routes;
    }

    @Override
    public synchronized void addAddress(String interfaceName, VirtualAddress address) throws IOException {
        String device = address.device().orElse(interfaceName);
        int index = index(device, "add " + address.cidr() + " to");
        int errno = exchange(encoded(() -> requests.addAddress(++sequence, index, address)), null);
        if (errno == 0 || errno == Errno.EEXIST && address.address() instanceof Inet4Address
                || isPresent(index, device, address)) {
            return;
        }
        throw failure("add", device, address, errno);
    }

    @Override
    public synchronized void removeAddress(String interfaceName, VirtualAddress address) throws IOException {
        String device = address.device().orElse(interfaceName);
        int index = index(device, "remove " + address.cidr() + " from");
        int errno = exchange(requests.removeAddress(++sequence, index, address), null);
        if (errno == 0 || errno == Errno.EADDRNOTAVAIL || !isPresent(index, device, address)) {
            return;
        }
        throw failure("remove", device, address, errno);
    }

    @Override
    public synchronized List<VirtualAddress> listAddresses(String interfaceName) throws IOException {
        return list(index(interfaceName, "list the addresses of"), interfaceName);
    }

    @Override
    public void addRoute(VirtualRoute route) throws Exception {
        routes.addRoute(route);
    }

    @Override
    public void removeRoute(VirtualRoute route) throws Exception {
        routes.removeRoute(route);
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            socket.close();
        } finally {
            routes.close();
        }
    }

    private List<VirtualAddress> list(int index, String device) throws IOException {
        AddressDump dump = new AddressDump(index, device);
        int errno = exchange(requests.dumpAddresses(++sequence), dump);
        if (errno != 0) {
            throw new IOException("netlink: cannot list the addresses of " + device + ": " + Errno.text(errno));
        }
        return dump.addresses();
    }

    private boolean isPresent(int index, String device, VirtualAddress address) throws IOException {
        for (VirtualAddress present : list(index, device)) {
            if (present.address().equals(address.address()) && present.prefixLength() == address.prefixLength()) {
                return true;
            }
        }
        return false;
    }

    /** The interface's index in the socket's namespace; {@code purpose} words the failure. */
    private int index(String device, String purpose) throws IOException {
        int[] index = {0};
        int errno = exchange(requests.getLink(++sequence, device), (type, datagram, start, end) -> {
            if (type == RtRequests.RTM_NEWLINK && end - start >= 8) {
                index[0] = datagram.getInt(start + 4);
            }
        });
        if (errno != 0 || index[0] == 0) {
            int cause = errno != 0 ? errno : Errno.ENODEV;
            throw new IOException("netlink: cannot " + purpose + " " + device + ": " + Errno.text(cause)
                    + " (errno " + cause + ")");
        }
        return index[0];
    }

    /** Sends the request and reads the answer to its end; 0 or the kernel's errno. */
    private int exchange(ByteBuffer request, RtReplies.Handler handler) throws IOException {
        int expected = request.getInt(8);
        RtReplies.Handler each = handler != null ? handler : (type, datagram, start, end) -> { };
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

    private static IOException failure(String verb, String device, VirtualAddress address, int errno) {
        String preposition = verb.equals("add") ? " to " : " from ";
        return new IOException("netlink: cannot " + verb + " " + address.cidr() + preposition + device + ": "
                + Errno.text(errno) + " (errno " + errno + ")");
    }

    /** Encoding refuses words it cannot write (scope, broadcast) with IllegalArgumentException. */
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
