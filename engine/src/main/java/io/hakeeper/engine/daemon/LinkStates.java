package io.hakeeper.engine.daemon;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.net.LinkEvent;
import io.hakeeper.engine.net.LinkListener;
import io.hakeeper.engine.net.LinkWatch;
import io.hakeeper.engine.net.NativeCallException;
import io.hakeeper.engine.net.PollWaiter;
import io.hakeeper.engine.runtime.VrrpRuntime;

/**
 * The link state of every interface the instances use or track, from the kernel's netlink notifications:
 * the one place link state is watched (DESIGN.md). The netlink socket is read on the event loop; only a
 * real change (up means IFF_UP and carrier) reaches the instances, because the kernel also reports
 * changes VRRP does not care about. Loop thread only, except {@link #readInitialDump}, which runs before
 * the loop starts.
 */
final class LinkStates implements LinkListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");
    private static final long DUMP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final LinkWatch watch;
    private final Map<String, Boolean> up = new HashMap<>();
    private VrrpRuntime runtime;
    private Consumer<String> appeared = name -> { };
    private int slot = -1;
    private boolean dumped;

    private LinkStates(LinkWatch watch) {
        this.watch = watch;
    }

    static LinkStates open(Set<String> interfaceNames) throws NativeCallException {
        return new LinkStates(LinkWatch.open(interfaceNames, false));
    }

    /**
     * Reads the kernel's answer to the first dump, so that instances on an interface that is down (or
     * absent) start in FAULT instead of discovering it a moment later.
     */
    void readInitialDump() throws InterruptedException {
        long deadline = System.nanoTime() + DUMP_WAIT_NANOS;
        while (!dumped && System.nanoTime() < deadline) {
            if (watch.drain(this) == IoStatus.FAILED) {
                LOG.warn("link watch: {}", watch.lastError());
                return;
            }
            if (!dumped) {
                Thread.sleep(1);
            }
        }
        if (!dumped) {
            LOG.warn("link watch: no answer to the interface dump within {} ms; link states come with the next"
                    + " change", TimeUnit.NANOSECONDS.toMillis(DUMP_WAIT_NANOS));
        }
    }

    /** Whether the interface was up when last heard of; absent or never heard of counts as down. */
    boolean isUp(String interfaceName) {
        return up.getOrDefault(interfaceName, false);
    }

    /**
     * From now on, changes go to {@code runtime}, read when the loop's poll finds the socket readable; an
     * interface coming up also goes to {@code appeared} (instances that had no socket on it start now).
     */
    void attach(VrrpRuntime runtime, PollWaiter waiter, Consumer<String> appeared) {
        this.runtime = runtime;
        this.appeared = appeared;
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
        boolean nowUp = event.isUp();
        Boolean before = up.put(event.name(), nowUp);
        if (before != null && before == nowUp) {
            return;
        }
        if (runtime != null) {
            LOG.info("interface {} is {}", event.name(), nowUp ? "up" : event.exists() ? "down" : "gone");
            if (nowUp) {
                appeared.accept(event.name());
            }
            runtime.onInterfaceChange(event.name(), nowUp);
        }
    }

    /** Times the kernel dropped notifications since the watch opened. */
    long lostNotificationCount() {
        return watch.notificationsLost();
    }

    @Override
    public void linksDumped() {
        dumped = true;
    }

    @Override
    public void notificationsLost() {
        LOG.warn("link watch: the kernel dropped notifications; re-reading every interface's state");
    }

    @Override
    public void close() {
        watch.close();
    }
}
