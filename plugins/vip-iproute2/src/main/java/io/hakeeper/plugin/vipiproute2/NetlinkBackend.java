package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * Adds, removes and lists VIPs over rtnetlink inside the daemon, as keepalived does, so that no process is
 * started between a takeover and its gratuitous ARPs. The requests are those {@code ip addr} sends, with
 * hakeeper's mark added (see {@link NetlinkAddresses}); routes take arbitrary {@code ip route} words and so
 * go on through {@code ip}, by the iproute2 backend given. An address goes on its own {@code dev} when it
 * names one, else on the instance's interface.
 *
 * <p>Idempotence, as the iproute2 backend decides it: where the error alone says it (EEXIST for an IPv4
 * address, which the kernel gives only for the same address and prefix; EADDRNOTAVAIL on removal), the
 * error is success; on any other failure the interface's addresses are read back, and an entry with the
 * same address and prefix length present after an add, or absent after a removal, is success too.
 *
 * <p>Only marked addresses are removed: an address that was on the interface before the add (an address
 * owner's own address) keeps its protocol, and a removal leaves it where it is. Whose an address is, the
 * kernel tells only in a dump of every address of the host, so an address this backend added itself (the
 * kernel answered 0, not EEXIST) is removed on that word alone: a master of 1,000 VIPs that left
 * mastership read 1,000 dumps of 1,000 addresses. Any other removal (a VIP handed over by the daemon a
 * reload replaced, a leftover) still asks.
 */
final class NetlinkBackend implements VipBackend {

    private final NetlinkAddresses addresses;
    /**
     * What this backend added and has not removed ({@link #key}); the lane threads call in parallel. An
     * interface made again under a new index leaves its entries behind, at most one per VIP each time.
     */
    private final Set<String> addedHere = ConcurrentHashMap.newKeySet();
    private final VipBackend routes;
    /**
     * Adds made ready by {@link #addExpected}, by the address given (its identity: the engine passes the
     * same object to the add), each taken by the add that follows within milliseconds.
     */
    private final Map<VirtualAddress, ExpectedAdd> expected = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * How long an add made ready is used. An interface renamed or made again within this time could take
     * the address under its old index: the add, a millisecond or two after the lookup, runs the same race
     * with any lookup before it.
     */
    static final long EXPECTED_ADD_NANOS = 20_000_000;

    /**
     * An interface index no interface has: the kernel counts a namespace's indexes up from 1, and reaches
     * this one only after two billion interfaces.
     */
    static final int NO_SUCH_INDEX = Integer.MAX_VALUE;

    /**
     * An add made ready: the interface's index, the request, the key of {@link #addedHere}. Only its
     * accessors are called, never the record's equals or hashCode (linked at their first call).
     */
    private record ExpectedAdd(String device, int index, ByteBuffer request, String key, long atNanos) {
    }

    /**
     * @param socket the socket requests go over; closed with this backend
     * @param routes where routes go: the iproute2 backend, which runs {@code ip route}
     */
    NetlinkBackend(NetlinkSocket socket, VipBackend routes) {
        this.addresses = new NetlinkAddresses(socket);
        this.routes = routes;
        addresses.warmUp();
    }

    /**
     * Makes the add ready: the interface's index looked up (an ioctl through JNA) and the request written,
     * 0.2-0.5 ms of a daemon's first takeover that no longer come between its first advert and its first
     * gratuitous ARP. Hints not taken within {@link #EXPECTED_ADD_NANOS} are dropped here.
     */
    @Override
    public void addExpected(String interfaceName, VirtualAddress address) throws IOException {
        String device = address.device().orElse(interfaceName);
        long now = System.nanoTime();
        synchronized (expected) {
            expected.values().removeIf(stale -> now - stale.atNanos() >= EXPECTED_ADD_NANOS);
        }
        int index = addresses.index(device, "add", address);
        expected.put(address, new ExpectedAdd(device, index, addresses.prepareAdd(index, address),
                key(index, address), now));
    }

    @Override
    public void addAddress(String interfaceName, VirtualAddress address) throws IOException {
        String device = address.device().orElse(interfaceName);
        ExpectedAdd ready = readyAdd(device, address);
        int index = ready != null ? ready.index() : addresses.index(device, "add", address);
        int errno = ready != null ? addresses.addPrepared(ready.request()) : addresses.addMarked(index, address);
        if (errno == Errno.ENODEV && ready != null) {
            // the interface went, or came back under another index, since the add was made ready
            ready = null;
            index = addresses.index(device, "add", address);
            errno = addresses.addMarked(index, address);
        }
        if (errno == 0) {
            addedHere.add(ready != null ? ready.key() : key(index, address));
            return;
        }
        if (errno == Errno.EEXIST && address.address() instanceof Inet4Address
                || addresses.protocolOf(index, device, address) != NetlinkAddresses.ABSENT) {
            return;
        }
        throw NetlinkAddresses.failure("add", device, address, errno);
    }

    /**
     * The add's lookup and request, the request sent for an interface index no interface has: the kernel
     * refuses it (ENODEV) before it changes anything, so the whole path runs, the kernel's answer read
     * included, and nothing is added.
     */
    @Override
    public void rehearseAdd(String interfaceName, VirtualAddress address) throws IOException {
        addresses.index(address.device().orElse(interfaceName), "add", address);
        int errno = addresses.addMarked(NO_SUCH_INDEX, address);
        if (errno != Errno.ENODEV) {
            throw NetlinkAddresses.failure("rehearse the add of", "interface index " + NO_SUCH_INDEX, address, errno);
        }
    }

    /** The add made ready for the address on the device, if a fresh one is there; taken, so used once. */
    private ExpectedAdd readyAdd(String device, VirtualAddress address) {
        ExpectedAdd ready = expected.remove(address);
        boolean fresh = ready != null && ready.device().equals(device)
                && System.nanoTime() - ready.atNanos() < EXPECTED_ADD_NANOS;
        return fresh ? ready : null;
    }

    @Override
    public void removeAddress(String interfaceName, VirtualAddress address) throws IOException {
        String device = address.device().orElse(interfaceName);
        int index = addresses.index(device, "remove", address);
        if (!addedHere.remove(key(index, address)) && addresses.protocolOf(index, device, address) != ADDRESS_PROTOCOL) {
            return; // absent, or the host's own: not ours to remove
        }
        int errno = addresses.remove(index, address);
        if (errno == 0 || errno == Errno.EADDRNOTAVAIL
                || addresses.protocolOf(index, device, address) == NetlinkAddresses.ABSENT) {
            return;
        }
        throw NetlinkAddresses.failure("remove", device, address, errno);
    }

    /**
     * An added address as the set holds it: a string, not a record of this plugin, whose equals and hashCode
     * would be linked (invokedynamic) at the first takeover, between its advert and its gratuitous ARP.
     */
    private static String key(int index, VirtualAddress address) {
        return index + " " + address.cidr();
    }

    /** How many times this backend read every address of the host (tests). */
    long addressDumps() {
        return addresses.dumps();
    }

    @Override
    public List<VirtualAddress> listAddresses(String interfaceName) throws IOException {
        return addresses.list(addresses.index(interfaceName, "list the addresses of"), interfaceName);
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
    public void close() throws Exception {
        try {
            addresses.close();
        } finally {
            routes.close();
        }
    }
}
