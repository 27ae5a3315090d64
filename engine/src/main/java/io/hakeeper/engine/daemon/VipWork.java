package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.plugin.PluginCalls;
import io.hakeeper.engine.plugin.PluginLanes;
import io.hakeeper.engine.realtime.AwayFromLoop;

/**
 * Adds and removes instances' VIPs and routes through the VIP backend plugin, off the event loop. Each
 * backend call is a job in its instance's lane ({@link PluginLanes}): an instance's jobs run in the order
 * they were asked for (the add before the remove that follows it), on one thread while it keeps up and
 * on up to four once a job has waited {@link #HELP_AFTER}, and a call that hangs holds its own instance for
 * {@link #CALL_TIMEOUT} at most and the others for about {@link #HELP_AFTER}. A backend that throws is
 * logged with the instance and goes on to the next job.
 *
 * <p>A call that timed out may still land later, after the jobs that followed it: the instance's VIPs are
 * then in no known state. When it returns, whatever the instance wants now (held as master, or not) is
 * asked for again; every backend call is idempotent. The same holds across a restart of the daemon: a
 * call of the replaced daemon may land after its successor has placed the VIPs (close interrupts it, but a
 * plugin deaf to interrupts runs on), so the replaced work {@link #handOverTo hands} such late calls to
 * the successor, which asks again for what it wants.
 */
final class VipWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VipWork.class);
    /** Longer than the backends' own bounds (5 s for an ip command or a netlink answer), so theirs come first. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final int WORKERS = 4;
    /**
     * How long a VIP job may wait for a thread before another joins the one that runs them: far more than a
     * new master's add and gratuitous ARPs take (~20 µs over netlink), so 1,000 new masters' run on one
     * thread; about what a hung backend call then costs the other instances.
     */
    static final Duration HELP_AFTER = Duration.ofMillis(50);
    /**
     * How long past an expected takeover a VIP thread still waits for its add: the loop hands the add over,
     * just before the new master's advert, 0.1-0.3 ms after the deadline, unless it is late itself.
     */
    static final long EXPECTED_ADD_WAIT_NANOS = 1_000_000;
    /**
     * How long before an expected takeover the VIP thread that waits for its add starts spinning, asleep
     * until then: longer than a sleeping thread of this host takes to wake (0.15-0.85 ms).
     */
    static final long SPIN_BEFORE_NANOS = 1_000_000;
    private static final int MAX_ABANDONED = 8;
    private static final PluginLanes.Call NOTHING = () -> {
    };
    private static final String EXPECTING = "expecting the add";
    private static final String REHEARSING_ADDS = "rehearsing the adds";

    private final VipBackend backend;
    private final ClassLoader pluginLoader;
    private final String pluginId;
    private final PluginLanes lanes;
    /** Keeps the worker that spins for a takeover's add off the event loop's CPU. */
    private final AwayFromLoop awayFromLoop = new AwayFromLoop();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    /** The timeouts already logged, by instance and call: each is logged once and counted always. */
    private final Set<String> timeoutsLogged = ConcurrentHashMap.newKeySet();
    /** Per instance label, what was last asked for its VIPs. */
    private final Map<String, Wanted> wanted = new ConcurrentHashMap<>();
    /** Set once this work is closed: its late calls are put right by the successor, if there is one. */
    private volatile boolean closed;
    private volatile VipWork successor;

    private record Wanted(VrrpInstance instance, boolean held) {
    }

    /**
     * An instance's add jobs for one configuration of it, made before its takeover rather than during it:
     * a new master hands them to its lane on the event loop, where building them (the VIPs' text, the
     * calls) was a good part of the time between its first advert and its first gratuitous ARP.
     */
    private static final class Adds {
        final VrrpInstance instance;
        final Wanted held;
        final String[] whats;
        final PluginLanes.Call[] calls;
        /** Tells the backend of the adds to come ({@link VipBackend#addExpected}). */
        final PluginLanes.Call expecting;

        Adds(VrrpInstance instance, String[] whats, PluginLanes.Call[] calls, PluginLanes.Call expecting) {
            this.instance = instance;
            this.held = new Wanted(instance, true);
            this.whats = whats;
            this.calls = calls;
            this.expecting = expecting;
        }
    }

    /** Per instance label, its add jobs, for the configuration it had when they were made. */
    private final Map<String, Adds> adds = new ConcurrentHashMap<>();

    VipWork(VipBackend backend, ClassLoader pluginLoader, String pluginId) {
        this(backend, pluginLoader, pluginId, CALL_TIMEOUT);
    }

    VipWork(VipBackend backend, ClassLoader pluginLoader, String pluginId, Duration callTimeout) {
        this.backend = backend;
        this.pluginLoader = pluginLoader;
        this.pluginId = pluginId;
        this.lanes = new PluginLanes("hakeeper-vip", WORKERS, callTimeout, MAX_ABANDONED, new PluginLanes.Listener() {
            @Override
            public void timedOut(String label, String what, Duration after) {
                VipWork.this.timedOut(label, what, after);
            }

            @Override
            public void finishedLate(String label, String what) {
                reconcile(label, what);
            }
        }, awayFromLoop, HELP_AFTER);
    }

    /** Backend calls that threw. */
    long failures() {
        return failures.get();
    }

    /** Backend calls that ran out of time. */
    long timeouts() {
        return timeouts.get();
    }

    String pluginId() {
        return pluginId;
    }

    void add(String label, VrrpInstance instance) {
        Adds prepared = addsOf(label, instance);
        wanted.put(label, prepared.held);
        submitAdds(label, prepared);
    }

    /**
     * The instance may take over in {@link LoopCore#HEADS_UP_LEAD_NANOS}: the backend hears of the adds to
     * come in the instance's lane, and a VIP thread waits for them awake from {@link #SPIN_BEFORE_NANOS}
     * before the takeover until {@link #EXPECTED_ADD_WAIT_NANOS} past it. Loop thread.
     */
    void expectAdd(String label) {
        Adds prepared = adds.get(label);
        if (prepared != null && prepared.calls.length > 0) {
            awayFromLoop.noteLoop();
            lanes.submitExpecting(label, EXPECTING, prepared.expecting,
                    LoopCore.HEADS_UP_LEAD_NANOS - SPIN_BEFORE_NANOS, LoopCore.HEADS_UP_LEAD_NANOS + EXPECTED_ADD_WAIT_NANOS);
        }
    }

    void remove(String label, VrrpInstance instance) {
        wanted.put(label, new Wanted(instance, false));
        queueRemove(label, instance);
    }

    /**
     * Makes the instance's add jobs now, at its start or reload, so that its takeover only hands them over.
     * Any thread.
     */
    void prepare(String label, VrrpInstance instance) {
        adds.put(label, prepareAdds(label, instance));
    }

    /** The instance's add jobs, made now if it has none yet or its configuration changed (a reload). */
    private Adds addsOf(String label, VrrpInstance instance) {
        Adds prepared = adds.get(label);
        if (prepared == null || prepared.instance != instance) {
            prepared = prepareAdds(label, instance);
            adds.put(label, prepared);
        }
        return prepared;
    }

    private void submitAdds(String label, Adds prepared) {
        for (int i = 0; i < prepared.calls.length; i++) {
            lanes.submit(label, prepared.whats[i], prepared.calls[i]);
        }
    }

    private Adds prepareAdds(String label, VrrpInstance instance) {
        List<VirtualAddress> vips = addresses(instance);
        List<VirtualRoute> routes = instance.virtualRoutes();
        String[] whats = new String[vips.size() + routes.size()];
        PluginLanes.Call[] calls = new PluginLanes.Call[whats.length];
        int i = 0;
        for (VirtualAddress vip : vips) {
            whats[i] = "add " + vip.cidr();
            calls[i] = guarded(label, whats[i], adding(deviceOf(vip, instance), vip));
            i++;
        }
        for (VirtualRoute route : routes) {
            whats[i] = "add route " + route.destination();
            calls[i] = guarded(label, whats[i], adding(route));
            i++;
        }
        return new Adds(instance, whats, calls, expecting(label, vips, instance));
    }

    /** The backend's hint of the instance's adds; a hint that fails is only logged at debug level. */
    private PluginLanes.Call expecting(String label, List<VirtualAddress> vips, VrrpInstance instance) {
        return () -> {
            try {
                PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                    for (VirtualAddress vip : vips) {
                        backend.addExpected(deviceOf(vip, instance), vip);
                    }
                    return null;
                });
            } catch (Exception e) {
                LOG.debug("{}: {} failed in VIP backend plugin {}: {}", label, EXPECTING, pluginId, e.toString());
            }
        };
    }

    private PluginLanes.Call adding(String device, VirtualAddress vip) {
        return () -> backend.addAddress(device, vip);
    }

    private PluginLanes.Call adding(VirtualRoute route) {
        return () -> backend.addRoute(route);
    }

    /**
     * For the rehearsal of a takeover at start: makes the instance's add calls without running them (a
     * lambda's first making links it, milliseconds the first takeover would otherwise pay), tells the
     * backend of them as a takeover's heads-up does (a lookup, nothing changed), rehearses the spin of the
     * worker that waits for the add ({@link PluginLanes#rehearseSpin}) and links its placement
     * ({@link AwayFromLoop#warmUp}), runs a job that does nothing in the lane {@code label} through the
     * same wrapper as every backend call, then the backend's own rehearsal of the adds ({@link #rehearseAdds}).
     */
    void rehearseAdd(String label, VrrpInstance instance) {
        Adds prepared = prepareAdds(label, instance);
        lanes.submit(label, EXPECTING, prepared.expecting);
        lanes.submit(label, "linking the spinner's placement", awayFromLoop::warmUp);
        lanes.rehearseSpin();
        queue(label, "takeover rehearsal", NOTHING);
        rehearseAdds(label, instance);
    }

    /**
     * The backend's rehearsal of the instance's adds ({@link VipBackend#rehearseAdd}: its code run, the host
     * unchanged), handed to the lane {@code label} as a new master's adds are. Its failure is only logged at
     * debug level: a rehearsal changes nothing, and the real add reports its own. Any thread.
     */
    void rehearseAdds(String label, VrrpInstance instance) {
        lanes.submit(label, REHEARSING_ADDS, () -> {
            try {
                PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                    for (VirtualAddress vip : addresses(instance)) {
                        backend.rehearseAdd(deviceOf(vip, instance), vip);
                    }
                    return null;
                });
            } catch (Exception e) {
                LOG.debug("{}: {} failed in VIP backend plugin {}: {}", label, REHEARSING_ADDS, pluginId, e.toString());
            }
        });
    }

    private void queueRemove(String label, VrrpInstance instance) {
        for (VirtualRoute route : instance.virtualRoutes()) {
            queue(label, "remove route " + route.destination(), () -> backend.removeRoute(route));
        }
        for (VirtualAddress vip : addresses(instance)) {
            queue(label, "remove " + vip.cidr(), () -> backend.removeAddress(deviceOf(vip, instance), vip));
        }
    }

    /** See {@link PluginLanes#holdWakeups}: the calling thread's jobs wake no thread until {@link #wakeHeld}. */
    void holdWakeups() {
        lanes.holdWakeups();
    }

    /** See {@link PluginLanes#wakeHeld}. */
    void wakeHeld() {
        lanes.wakeHeld();
    }

    /** Whether other instances' VIP jobs wait for a thread now (see {@link PluginLanes#othersWait}). */
    boolean othersWait() {
        return lanes.othersWait();
    }

    /** Runs {@code next} once the instance's VIP jobs asked for before it are done (the announcement after the add). */
    void afterPending(String label, Runnable next) {
        lanes.submit(label, "after its VIP jobs", next::run);
    }

    /**
     * Runs another plugin's call once the instance's VIP jobs asked for before it are done, on the thread
     * that ran them, under that plugin's {@code timeout} and {@code listener}: the announcer's first
     * gratuitous ARP right after the add, without waking another thread for it.
     */
    void afterPending(String label, String what, PluginLanes.Call call, Duration timeout,
                      PluginLanes.Listener listener) {
        lanes.submit(label, what, call, timeout, listener);
    }

    /**
     * At start, before any instance is master: removes those of the instances' VIPs that are on the host
     * (left by a crash, or added by hand), listing each interface once instead of trying every VIP — with
     * 1,000 instances, a few listings rather than thousands of backend calls. Each removal is a job in its
     * instance's lane, so a later add of the instance comes after it; the listing is made by the first job
     * that needs it. The VIPs of an interface that cannot be listed are removed one by one, as
     * {@link #remove} does.
     *
     * @param byLabel the instances, by the label their log lines carry
     */
    void removeLeftovers(Map<String, VrrpInstance> byLabel) {
        Map<String, Optional<Set<InetAddress>>> presentByDevice = new ConcurrentHashMap<>();
        byLabel.forEach((label, instance) -> {
            wanted.putIfAbsent(label, new Wanted(instance, false));
            for (VirtualRoute route : instance.virtualRoutes()) {
                queue(label, "remove route " + route.destination(), () -> backend.removeRoute(route));
            }
            for (VirtualAddress vip : addresses(instance)) {
                String device = deviceOf(vip, instance);
                queue(label, "remove " + vip.cidr(), () -> {
                    Optional<Set<InetAddress>> present = presentByDevice.computeIfAbsent(device, this::present);
                    if (present.isEmpty() || present.get().contains(vip.address())) {
                        backend.removeAddress(device, vip);
                    }
                });
            }
        });
    }

    /** The addresses on the device, or empty when the backend cannot say. Called in a lane's job. */
    private Optional<Set<InetAddress>> present(String device) {
        try {
            Set<InetAddress> addresses = new HashSet<>();
            backend.listAddresses(device).forEach(address -> addresses.add(address.address()));
            return Optional.of(addresses);
        } catch (Exception e) {
            LOG.warn("{}: VIP backend plugin {} cannot list the addresses ({}); removing every VIP one by one",
                    device, pluginId, e.toString());
            return Optional.empty();
        }
    }

    /** The VIPs announced after becoming master: every address, in the adverts or excluded from them. */
    static List<InetAddress> announced(VrrpInstance instance) {
        List<InetAddress> all = new ArrayList<>();
        for (VirtualAddress vip : addresses(instance)) {
            all.add(vip.address());
        }
        return all;
    }

    /** An instance's virtual_ipaddress and virtual_ipaddress_excluded. */
    static List<VirtualAddress> addresses(VrrpInstance instance) {
        List<VirtualAddress> all = new ArrayList<>(instance.virtualAddresses());
        all.addAll(instance.excludedAddresses());
        return all;
    }

    private static String deviceOf(VirtualAddress vip, VrrpInstance instance) {
        return vip.device().orElse(instance.interfaceName());
    }

    private void queue(String label, String what, PluginLanes.Call call) {
        lanes.submit(label, what, guarded(label, what, call));
    }

    /** The backend call as a lane runs it: in the plugin's class loader, its failure logged and counted. */
    private PluginLanes.Call guarded(String label, String what, PluginLanes.Call call) {
        return () -> {
            try {
                PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                    call.run();
                    return null;
                });
            } catch (InterruptedException e) {
                if (!closed) {
                    failures.incrementAndGet();
                    LOG.error("{}: {} interrupted in VIP backend plugin {}", label, what, pluginId);
                }
            } catch (Exception e) {
                failures.incrementAndGet();
                LOG.error("{}: {} failed in VIP backend plugin {}: {}", label, what, pluginId, e.toString());
            }
        };
    }

    private void timedOut(String label, String what, Duration after) {
        timeouts.incrementAndGet();
        if (timeoutsLogged.add(label + " " + what)) {
            LOG.error("{}: {} timed out after {} ms in VIP backend plugin {}; the instance's next VIP jobs go on."
                    + " Further timeouts of this call are counted (ha-admin stats), not logged", label, what,
                    after.toMillis(), pluginId);
        }
    }

    /**
     * The daemon replacing this one: a call of this work that lands after {@link #close} is put right by
     * {@code next}, whose own wishes are the host's truth by then.
     */
    void handOverTo(VipWork next) {
        successor = next;
    }

    /** A call that timed out has returned after all, maybe after later jobs: ask again for what is wanted now. */
    private void reconcile(String label, String what) {
        if (closed) {
            VipWork next = successor;
            if (next == null) {
                LOG.warn("{}: {} returned after the daemon stopped; its VIPs may be as that call left them", label, what);
            } else {
                next.putRightAfterPredecessor(label, what, wanted.get(label));
            }
            return;
        }
        Wanted now = wanted.get(label);
        if (now == null) {
            return;
        }
        LOG.warn("{}: {} returned after its timeout; {} the VIPs again", label, what, now.held() ? "adding" : "removing");
        askAgain(label, now);
    }

    private void askAgain(String label, Wanted now) {
        if (now.held()) {
            submitAdds(label, addsOf(label, now.instance()));
        } else {
            queueRemove(label, now.instance());
        }
    }

    /**
     * A call of the daemon this one replaced landed late: what this daemon wants for the instance is asked
     * again; an instance this daemon does not run has its old VIPs removed, as its predecessor's stop did.
     */
    private void putRightAfterPredecessor(String label, String what, Wanted before) {
        Wanted now = wanted.get(label);
        if (now != null) {
            LOG.warn("{}: {} of the replaced configuration returned late; {} the VIPs again", label, what,
                    now.held() ? "adding" : "removing");
            askAgain(label, now);
        } else if (before != null) {
            LOG.warn("{}: {} of the replaced configuration returned late; removing that instance's VIPs", label, what);
            queueRemove(label, before.instance());
        }
    }

    /** Lets the jobs in hand finish, at most {@code millis}; a removal at shutdown must not be cut short. */
    void drain(long millis) throws InterruptedException {
        if (!lanes.awaitIdle(millis)) {
            LOG.warn("VIP backend still busy after {} ms at shutdown; exiting anyway", millis);
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        lanes.close();
        PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
            backend.close();
            return null;
        });
    }
}
