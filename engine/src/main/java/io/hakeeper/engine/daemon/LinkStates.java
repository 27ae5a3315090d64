package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.net.AddressEvent;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.net.LinkEvent;
import io.hakeeper.engine.net.LinkListener;
import io.hakeeper.engine.net.LinkWatch;
import io.hakeeper.engine.net.NativeCallException;
import io.hakeeper.engine.net.PollWaiter;
import io.hakeeper.engine.runtime.VrrpRuntime;

/**
 * The link state of every interface the instances use or track, and the IPv4 addresses of those
 * interfaces, from the kernel's netlink notifications: the one place link state is watched. The netlink
 * socket is read on the event loop; only a real change (up means IFF_UP and carrier) reaches the
 * instances, because the kernel also reports changes VRRP does not care about. An address that appears is
 * told to the daemon, which lets instances that had nothing to send from (or no socket) send again.
 * Loop thread only, except {@link #readInitialDump}, which runs before the loop starts.
 */
final class LinkStates implements LinkListener, InterfaceAddresses, AutoCloseable {

    /**
     * Told of an address that appeared on a watched interface (usable: not tentative) or went from it,
     * after the interface's address list was updated. Loop thread.
     */
    interface AddressListener {
        void changed(String interfaceName, boolean ipv4, byte[] address, boolean added);
    }

    /**
     * Told of every notification about a watched interface: its kernel index now, or 0 when it is gone.
     * Loop thread.
     */
    interface IndexListener {
        void index(String interfaceName, int index);
    }

    /** An IPv4 address of an interface, as the kernel reported it. */
    private record Ipv4(byte[] address, boolean secondary) {
    }

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final long DUMP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final LinkWatch watch;
    private final Map<String, Boolean> up = new HashMap<>();
    /** The watched interfaces' IPv4 addresses in the kernel's order (a primary before its secondaries). */
    private final Map<String, List<Ipv4>> ipv4 = new HashMap<>();
    /** The watched interfaces' IPv6 addresses, tentative ones too. */
    private final Map<String, List<byte[]>> ipv6 = new HashMap<>();
    private VrrpRuntime runtime;
    private Consumer<String> appeared = name -> { };
    private AddressListener addressChanged = (name, ipv4, address, added) -> { };
    private IndexListener indexSeen = (name, index) -> { };
    private int slot = -1;
    private boolean dumped;
    private boolean addressesDumped;

    private LinkStates(LinkWatch watch) {
        this.watch = watch;
    }

    static LinkStates open(Set<String> interfaceNames) throws NativeCallException {
        return new LinkStates(LinkWatch.open(interfaceNames, true));
    }

    /**
     * Reads the kernel's answer to the first dumps (links, then addresses), so that instances on an
     * interface that is down (or absent, or without an address) start in FAULT instead of discovering it a
     * moment later.
     */
    void readInitialDump() throws InterruptedException {
        long deadline = System.nanoTime() + DUMP_WAIT_NANOS;
        while (!(dumped && addressesDumped) && System.nanoTime() < deadline) {
            if (watch.drain(this) == IoStatus.FAILED) {
                LOG.warn("link watch: {}", watch.lastError());
                return;
            }
            if (!(dumped && addressesDumped)) {
                Thread.sleep(1);
            }
        }
        if (!(dumped && addressesDumped)) {
            LOG.warn("link watch: no answer to the interface dump within {} ms; link states come with the next"
                    + " change", TimeUnit.NANOSECONDS.toMillis(DUMP_WAIT_NANOS));
        }
    }

    /** Whether the interface was up when last heard of; absent or never heard of counts as down. */
    boolean isUp(String interfaceName) {
        return up.getOrDefault(interfaceName, false);
    }

    /**
     * The interface's primary IPv4 address, the one the kernel sends from and keepalived takes too (the
     * first primary it reported), else its first secondary one; empty when it has none or is not watched.
     */
    @Override
    public Optional<byte[]> firstIpv4(String interfaceName) {
        List<Ipv4> addresses = ipv4.getOrDefault(interfaceName, List.of());
        return addresses.stream().filter(a -> !a.secondary()).findFirst().or(() -> addresses.stream().findFirst())
                .map(a -> a.address().clone());
    }

    /**
     * Whether {@code address} is one of the interface's addresses as the kernel last reported them (false
     * when the interface is absent or not watched): asked per instance at start, so it must not list the
     * host's interfaces as the JDK's lookups do.
     */
    @Override
    public boolean has(String interfaceName, InetAddress address) {
        byte[] wanted = address.getAddress();
        if (wanted.length == 4) {
            return ipv4.getOrDefault(interfaceName, List.of()).stream().anyMatch(a -> Arrays.equals(a.address(), wanted));
        }
        return ipv6.getOrDefault(interfaceName, List.of()).stream().anyMatch(a -> Arrays.equals(a, wanted));
    }

    /**
     * From now on, changes go to {@code runtime}, read when the loop's poll finds the socket readable; an
     * interface coming up also goes to {@code appeared} (instances that had no socket on it start now), and
     * an address that appears or goes to {@code addressChanged}, and the interface's index to
     * {@code indexSeen} (an interface deleted and created again has a new one).
     */
    void attach(VrrpRuntime runtime, PollWaiter waiter, Consumer<String> appeared, AddressListener addressChanged,
                IndexListener indexSeen) {
        this.runtime = runtime;
        this.appeared = appeared;
        this.addressChanged = addressChanged;
        this.indexSeen = indexSeen;
        this.slot = waiter.watch(watch.fd());
    }

    void readIfReady(PollWaiter waiter) {
        if (slot >= 0 && waiter.isReadable(slot) && watch.drain(this) == IoStatus.FAILED) {
            LOG.warn("link watch: {}", watch.lastError());
        }
    }

    @Override
    public void link(LinkEvent event) {
        if (!event.watched()) {
            return;
        }
        if (!event.exists()) {
            ipv4.remove(event.name());
            ipv6.remove(event.name());
        }
        boolean nowUp = event.isUp();
        Boolean before = up.put(event.name(), nowUp);
        if (runtime == null) {
            return;
        }
        if (event.exists()) {
            indexSeen.index(event.name(), event.index()); // a new interface's sockets before it counts as up
        }
        if (before == null || before != nowUp) {
            LOG.info("interface {} is {}", event.name(), nowUp ? "up" : event.exists() ? "down" : "gone");
            if (nowUp) {
                appeared.accept(event.name());
            }
            runtime.onInterfaceChange(event.name(), nowUp);
        }
        if (!event.exists()) {
            indexSeen.index(event.name(), 0); // after its instances are FAULT for it
        }
    }

    /** Times the kernel dropped notifications since the watch opened. */
    long lostNotificationCount() {
        return watch.notificationsLost();
    }

    @Override
    public void address(AddressEvent event) {
        String name = event.name();
        if (name == null || event.addressLength() == 0) {
            return; // not a watched interface
        }
        byte[] address = new byte[event.addressLength()];
        event.copyAddress(address);
        if (event.ipv4()) {
            List<Ipv4> addresses = ipv4.computeIfAbsent(name, n -> new ArrayList<>());
            addresses.removeIf(known -> Arrays.equals(known.address(), address));
            if (event.added()) {
                addresses.add(new Ipv4(address, event.secondary()));
            }
        } else {
            List<byte[]> addresses = ipv6.computeIfAbsent(name, n -> new ArrayList<>());
            addresses.removeIf(known -> Arrays.equals(known, address));
            if (event.added()) {
                addresses.add(address);
            }
        }
        if ((!event.added() || !event.tentative()) && runtime != null) {
            addressChanged.changed(name, event.ipv4(), address, event.added());
        }
    }

    @Override
    public void linksDumped() {
        dumped = true;
    }

    @Override
    public void addressesDumped() {
        addressesDumped = true;
    }

    @Override
    public void notificationsLost() {
        LOG.warn("link watch: the kernel dropped notifications; re-reading every interface's state");
        ipv4.clear(); // the new dump reports every address again
    }

    @Override
    public void close() {
        watch.close();
    }
}
