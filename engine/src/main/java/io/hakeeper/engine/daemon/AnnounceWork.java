package io.hakeeper.engine.daemon;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.Announcer;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.plugin.PluginCalls;
import io.hakeeper.engine.plugin.PluginLanes;

/**
 * When gratuitous ARPs and unsolicited NAs go out, as keepalived times them: a set of
 * {@code garp_master_repeat} on becoming master, a second set after {@code garp_master_delay}, refreshes
 * every {@code garp_master_refresh} while master, and {@code garp_lower_prio_*} sets in answer to a
 * lower-priority advert. On one interface, gratuitous ARPs are {@code vrrp_garp_interval} apart and
 * unsolicited NAs {@code vrrp_gna_interval} apart, whichever instances send them ({@link AnnouncePacing}).
 * The announcer plugin sends; this class schedules, on its own named thread, never on the event loop, and
 * hands each message to its instance's lane ({@link PluginLanes}): in order per instance, and an announcer
 * call that hangs holds its own instance for {@link #CALL_TIMEOUT} at most and the others not at all.
 *
 * <p>One set is hakeeper's own: a <em>settle set</em>, one advert interval (and {@link #SETTLE_MARGIN})
 * after the last lower-priority advert heard. A lower-priority router that wrongly became master (its
 * Master_Down_Interval ran out a few ms before our advert reached it, as happens between backups whose
 * priorities are close) sends its advert, then its gratuitous ARPs; our answer to the advert can be out
 * before its ARPs, which leaves the clients pointing at a router that gives the address up as soon as it
 * hears us. It yields within one interval of its last advert, so a set one interval after that advert
 * has the last word. Without it clients waited for the second set, 5 s later by default (the demo showed
 * such a 5 s outage, with two hakeeperd backups at priorities 120 and 100).
 */
final class AnnounceWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnnounceWork.class);

    /** After the other router's last advert: our next advert's way there, its handling, its ARP in flight. */
    static final Duration SETTLE_MARGIN = Duration.ofMillis(20);

    private final Announcer announcer;
    private final ClassLoader pluginLoader;
    private final String pluginId;
    /** One message per address: far longer than sending a few frames takes. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int WORKERS = 2;
    private static final int MAX_ABANDONED = 4;

    private final AnnouncePacing pacing;
    private final PluginLanes lanes;
    /** How this work's calls are watched, also when they run in another plugin's lanes. */
    private final PluginLanes.Listener callWatch = this::timedOut;
    private final Duration callTimeout;
    private final AtomicLong timeouts = new AtomicLong();
    /** Instances (or interfaces) whose timeout was logged: each is logged once and counted always. */
    private final Set<String> timeoutsLogged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hakeeper-announce");
        thread.setDaemon(true);
        return thread;
    });
    /** Per instance label, its current stint as master; none while it is not master. */
    private final Map<String, Mastership> masterships = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    /** Sends nothing, through the plugin's own rehearsal of its sends: the announcer of a rehearsal. */
    private final Announcer rehearsing;

    /**
     * One stint as master of one instance, and every announcement scheduled for it. Announcements are
     * asked for on the event loop but run later (after the VIP backend has added the addresses): ended, the
     * stint lets none of them send, however late they run. A GARP from a former master would point clients
     * at a router that no longer holds the address.
     */
    static final class Mastership {
        private final String label;
        /** The announcer this stint sends through: the plugin's, or its rehearsal ({@link #rehearsal}). */
        private final Announcer through;
        private final AtomicBoolean active = new AtomicBoolean(true);
        /** Whether its second set and refreshes are scheduled: by its first set, or by the watch of a hung one. */
        private final AtomicBoolean followUpsScheduled = new AtomicBoolean();
        private final List<ScheduledFuture<?>> pending = new ArrayList<>();
        private ScheduledFuture<?> settle;

        private Mastership(String label, Announcer through) {
            this.label = label;
            this.through = through;
        }

        boolean active() {
            return active.get();
        }

        private synchronized void add(ScheduledFuture<?> future) {
            pending.removeIf(ScheduledFuture::isDone);
            pending.add(future);
            if (!active()) {
                future.cancel(false);
            }
        }

        private synchronized void replaceSettle(ScheduledFuture<?> future) {
            if (settle != null) {
                settle.cancel(false);
            }
            settle = future;
            add(future);
        }

        private synchronized void end() {
            active.set(false);
            pending.forEach(future -> future.cancel(false));
            pending.clear();
        }
    }

    AnnounceWork(Announcer announcer, ClassLoader pluginLoader, String pluginId, AnnouncePacing pacing) {
        this(announcer, pluginLoader, pluginId, pacing, CALL_TIMEOUT);
    }

    AnnounceWork(Announcer announcer, ClassLoader pluginLoader, String pluginId, AnnouncePacing pacing,
                 Duration callTimeout) {
        this.announcer = announcer;
        this.pluginLoader = pluginLoader;
        this.pluginId = pluginId;
        this.pacing = pacing;
        this.callTimeout = callTimeout;
        this.lanes = new PluginLanes("hakeeper-announce", WORKERS, callTimeout, MAX_ABANDONED, callWatch);
        this.rehearsing = (interfaceName, addresses) -> {
            try {
                announcer.rehearse(interfaceName, addresses);
            } catch (Exception e) {
                LOG.debug("{}: rehearsing an announcement failed in announcer plugin {}: {}", interfaceName, pluginId,
                        e.toString());
            }
        };
    }

    /** Announcer calls that threw, preparing an interface or announcing. */
    long failures() {
        return failures.get();
    }

    /** Announcer calls that ran out of time. */
    long timeouts() {
        return timeouts.get();
    }

    private void timedOut(String who, String what, Duration after) {
        timeouts.incrementAndGet();
        if (timeoutsLogged.add(who)) {
            LOG.error("{}: {} timed out after {} ms in announcer plugin {}; its next announcements go on. Further"
                    + " timeouts here are counted (ha-admin stats), not logged", who, what, after.toMillis(), pluginId);
        }
    }

    String pluginId() {
        return pluginId;
    }

    /** Opens what the announcer needs on the interface now rather than at the first takeover. */
    void prepare(String interfaceName) {
        lanes.submit(interfaceName, "preparing the interface", () -> {
            try {
                PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                    announcer.announce(interfaceName, List.of());
                    return null;
                });
            } catch (Exception e) {
                failures.incrementAndGet();
                LOG.warn("{}: announcer plugin {} could not prepare the interface: {}", interfaceName, pluginId,
                        e.toString());
            }
        });
    }

    /** The instance has become master: a new stint, which {@link #cancel} ends. Called on the event loop. */
    Mastership claim(String label) {
        cancel(label);
        Mastership stint = new Mastership(label, announcer);
        masterships.put(label, stint);
        return stint;
    }

    /**
     * A stint for the rehearsal of a takeover (see {@code DaemonSideEffects.rehearseTakeover}): everything
     * a real stint does, through the announcer's rehearsal ({@link Announcer#rehearse}), which sends
     * nothing. It is nobody's mastership: {@link #cancel} does not see it, {@link #endRehearsal} ends it.
     */
    Mastership rehearsal(String label) {
        return new Mastership(label, rehearsing);
    }

    /** Ends a rehearsal's stint once the messages handed to its lane so far have run: its later sets never run. */
    void endRehearsal(Mastership stint) {
        lanes.submit(stint.label, "ending the takeover rehearsal", stint::end);
    }

    /** The instance's current stint as master, if it is master. */
    Optional<Mastership> current(String label) {
        return Optional.ofNullable(masterships.get(label));
    }

    /**
     * The announcements of a new master: a set now, a second set later, refreshes. The first set is handed
     * to the announcer's lanes by the calling thread, not through the scheduler: a hop between threads
     * costs a wake-up, which on a busy host is most of the time from the first advert to the first
     * gratuitous ARP. Never sends on the calling thread (the event loop calls it when no VIP backend is
     * loaded).
     */
    void becameMaster(Mastership stint, VrrpInstance instance) {
        GarpTiming timing = instance.garp();
        List<InetAddress> addresses = VipWork.announced(instance);
        set(stint, instance, addresses, timing.masterRepeat());
        scheduleFollowUpsOnce(stint, instance, addresses);
    }

    /**
     * The announcements of a new master, once the add asked for before them in {@code vips}' lane
     * {@code label} is done: {@link #firstSet}, in that lane, under this announcer's timeout and watch.
     * Should the set hang past its timeout before the stint's later sets were scheduled, the watch
     * schedules them, so a hung announcer costs the stint that set only. Called on the event loop.
     */
    void becameMasterAfterAdd(VipWork vips, String label, Mastership stint, VrrpInstance instance) {
        vips.afterPending(label, "announcing as the new master", () -> firstSet(stint, instance, vips), callTimeout,
                (key, what, after) -> {
                    scheduleFollowUpsOnce(stint, instance, VipWork.announced(instance));
                    callWatch.timedOut(key, what, after);
                });
    }

    /**
     * A new master's first set, sent by the calling thread: a plugin lane's, which added the VIPs a moment
     * ago and runs this under this announcer's timeout and watch (so a hung announcer is bounded and
     * counted as it is in our own lanes). One thread and one job from the add to the set's last gratuitous
     * ARP, as keepalived does it: the first round at once, then the stint's later sets scheduled, then the
     * set's other rounds. Handing those rounds to the announcer's threads cost each new master four more
     * jobs, a wake-up and the announcer's lock taken by another thread, and made 1,000 new masters' sets
     * queue there. A paced or empty set is handed over whole instead ({@link #becameMaster}), each message
     * in its slot; so is the set of a new master that other adds wait behind ({@link #handOverFirstSet}).
     */
    private void firstSet(Mastership stint, VrrpInstance instance, VipWork vips) {
        GarpTiming timing = instance.garp();
        if (!pacing.unpaced() || timing.masterRepeat() == 0) {
            becameMaster(stint, instance);
            return;
        }
        List<InetAddress> addresses = VipWork.announced(instance);
        if (vips.othersWait()) {
            handOverFirstSet(stint, instance, addresses, timing.masterRepeat());
            return;
        }
        send(stint, instance, addresses);
        scheduleFollowUpsOnce(stint, instance, addresses);
        for (int i = 1; i < timing.masterRepeat() && stint.active(); i++) {
            send(stint, instance, addresses);
        }
    }

    /**
     * A new master's first set while other instances' adds wait for the VIP thread (1,000 new masters at
     * once): the set goes to this announcer's thread, and the VIP thread on to the next add. Each message of
     * a set is a system call the add's thread need not make; sent beside the adds, on the other CPU, the
     * sets of a burst end sooner (the last of 1,000 masters' gratuitous ARPs 29-35 ms after the first
     * rather than 38-45, four bursts each with the code compiled). One job for the whole set, as the VIP
     * thread would have sent it: a job per message cost as much as the messages saved. A set that hangs is
     * then one timeout, not one per message; its later sets are scheduled first, so they do not wait for it.
     */
    private void handOverFirstSet(Mastership stint, VrrpInstance instance, List<InetAddress> addresses, int count) {
        scheduleFollowUpsOnce(stint, instance, addresses);
        lanes.submit(stint.label, "announcing as the new master", () -> {
            for (int i = 0; i < count && stint.active(); i++) {
                send(stint, instance, addresses);
            }
        });
    }

    /**
     * The stint's second set and refreshes, unless they are scheduled already (see
     * {@link #becameMasterAfterAdd}).
     */
    private void scheduleFollowUpsOnce(Mastership stint, VrrpInstance instance, List<InetAddress> addresses) {
        if (!stint.followUpsScheduled.compareAndSet(false, true)) {
            return;
        }
        GarpTiming timing = instance.garp();
        if (!timing.masterDelay().isZero()) {
            stint.add(later(stint, instance, addresses, timing.masterRepeat(), timing.masterDelay()));
        }
        if (!timing.masterRefresh().isZero()) {
            long period = timing.masterRefresh().toNanos();
            stint.add(scheduler.scheduleAtFixedRate(
                    () -> set(stint, instance, addresses, timing.masterRefreshRepeat()), period, period,
                    TimeUnit.NANOSECONDS));
        }
    }

    /** A lower-priority router claims mastership: a set now, the settle set, and a second set later. */
    void heardLowerPriority(Mastership stint, VrrpInstance instance) {
        GarpTiming timing = instance.garp();
        if (timing.lowerPrioRepeat() == 0) {
            return;
        }
        List<InetAddress> addresses = VipWork.announced(instance);
        set(stint, instance, addresses, timing.lowerPrioRepeat());
        stint.replaceSettle(later(stint, instance, addresses, timing.lowerPrioRepeat(),
                instance.advertInt().plus(SETTLE_MARGIN)));
        if (!timing.lowerPrioDelay().isZero()) {
            stint.add(later(stint, instance, addresses, timing.lowerPrioRepeat(), timing.lowerPrioDelay()));
        }
    }

    /** Left master: nothing more is announced for this stint, whenever it was asked for. */
    void cancel(String label) {
        Mastership stint = masterships.remove(label);
        if (stint != null) {
            stint.end();
        }
    }

    private ScheduledFuture<?> later(Mastership stint, VrrpInstance instance, List<InetAddress> addresses,
                                     int count, Duration delay) {
        return scheduler.schedule(() -> set(stint, instance, addresses, count), delay.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * One set of {@code count} messages per address, each handed to the instance's lane. Unpaced, they go at
     * once, a call per round; paced, each message takes the next slot of its interface and goes then, unless
     * the stint has ended by that time.
     */
    private void set(Mastership stint, VrrpInstance instance, List<InetAddress> addresses, int count) {
        if (pacing.unpaced()) {
            // the label is built once per set: formatting the addresses per round was a good part of a
            // round's cost when 1,000 new masters announce at once
            String what = count > 0 ? "announcing " + addresses : "";
            for (int i = 0; i < count && stint.active(); i++) {
                lanes.submit(stint.label, what, () -> send(stint, instance, addresses));
            }
            return;
        }
        long now = System.nanoTime();
        for (int i = 0; i < count && stint.active(); i++) {
            for (InetAddress address : addresses) {
                List<InetAddress> one = List.of(address);
                long at = pacing.book(instance.interfaceName(), address, now);
                Runnable handOver = () -> lanes.submit(stint.label, "announcing " + one, () -> send(stint, instance, one));
                if (at <= now) {
                    handOver.run();
                } else {
                    stint.add(scheduler.schedule(handOver, at - now, TimeUnit.NANOSECONDS));
                }
            }
        }
    }

    /**
     * Hands one round to the announcer. A message that fails is logged and the set goes on: an announcer
     * whose handle went stale across a link flap reopens it on the next call, and the remaining messages
     * are what tells clients the VIP has moved.
     */
    private void send(Mastership stint, VrrpInstance instance, List<InetAddress> addresses) {
        if (!stint.active()) {
            return;
        }
        try {
            PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
                stint.through.announce(instance.interfaceName(), addresses);
                return null;
            });
        } catch (Exception e) {
            failures.incrementAndGet();
            LOG.error("{}: announcing {} failed in announcer plugin {}: {}", stint.label, addresses, pluginId,
                    e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        scheduler.shutdownNow();
        lanes.close();
        PluginCalls.withContextLoaderChecked(pluginLoader, () -> {
            announcer.close();
            return null;
        });
    }
}
