package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link NetlinkAddresses} over sockets of their own, one per thread calling at the same moment, so that the
 * engine's VIP threads add their addresses side by side. With one socket (its calls are one at a time)
 * 1,000 new masters' adds took turns: in a burst the four VIP threads waited ~190 ms in all for it, and used
 * one CPU of two between them. The kernel still applies the adds one at a time (rtnl); what runs side by
 * side is everything around them. A socket is made the first time every other is in use, and kept: as many
 * as the most threads that ever called at once (the engine's lanes bound that: 4 workers and the few a
 * watchdog abandoned).
 */
final class NetlinkAddressPool implements AutoCloseable {

    /** One use of a socket's addresses. */
    @FunctionalInterface
    interface Use<T> {
        T on(NetlinkAddresses addresses) throws IOException;
    }

    private final Supplier<NetlinkSocket> sockets;
    private final ArrayDeque<NetlinkAddresses> idle = new ArrayDeque<>();
    private final List<NetlinkAddresses> all = new ArrayList<>();
    private boolean closed;

    /** @param sockets makes a socket, opened on first use (in the namespace its opener says) */
    NetlinkAddressPool(Supplier<NetlinkSocket> sockets) {
        this.sockets = sockets;
    }

    /** Runs {@code use} on a socket no other thread is using. */
    <T> T with(Use<T> use) throws IOException {
        NetlinkAddresses addresses = take();
        try {
            return use.on(addresses);
        } finally {
            give(addresses);
        }
    }

    /** How many dumps of the host's addresses every socket asked for. */
    synchronized long dumps() {
        long dumps = 0;
        for (NetlinkAddresses addresses : all) {
            dumps += addresses.dumps();
        }
        return dumps;
    }

    /** How many sockets there are (tests). */
    synchronized int size() {
        return all.size();
    }

    /** A socket's addresses for the calling thread alone, until it {@link #give}s them back. */
    synchronized NetlinkAddresses take() {
        NetlinkAddresses addresses = idle.pollFirst();
        if (addresses == null) {
            addresses = new NetlinkAddresses(sockets.get());
            all.add(addresses);
        }
        return addresses;
    }

    synchronized void give(NetlinkAddresses addresses) {
        if (closed) {
            addresses.close();
        } else {
            idle.addFirst(addresses); // the most recently used first: its socket is open
        }
    }

    /** Closes every socket; a call in progress finishes on its own and closes its socket after. */
    @Override
    public synchronized void close() {
        closed = true;
        for (NetlinkAddresses addresses : all) {
            addresses.close();
        }
        idle.clear();
    }
}
