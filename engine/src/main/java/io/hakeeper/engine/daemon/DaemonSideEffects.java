package io.hakeeper.engine.daemon;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.Transition;
import io.hakeeper.engine.config.model.VrrpInstance;
import io.hakeeper.engine.notify.NotificationDispatcher;
import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.runtime.SideEffects;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SuspectedBug;

/**
 * The daemon's answer to what the machines ask: VIP and announcement work handed to their plugin threads,
 * every transition logged ({@code VI_1 (VRID 51, IPv4): BACKUP -> MASTER (cause)}) and handed to the
 * notifiers. Called on the event loop; returns at once.
 */
final class DaemonSideEffects implements SideEffects {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");

    private final Map<String, VrrpInstance> configByName;
    private final Map<String, String> labelByName;
    private final Optional<VipWork> vips;
    private final Optional<AnnounceWork> announcements;
    private final Optional<NotificationDispatcher> notifications;
    private final Consumer<StateChange> transitions;
    /**
     * A new master's VIP add is held back from the VIP threads until its advert is sent and its
     * announcements are handed over too ({@link VipWork#holdWakeups}), unless a VIP thread waits for it
     * already; loop thread only.
     */
    private boolean wakeupsHeld;
    /** The last transitions of each instance and group, newest last; loop thread only. */
    private final Map<String, Deque<TimedChange>> history = new HashMap<>();

    /** A transition with the wall-clock time it happened, for ha-admin instance. */
    record TimedChange(StateChange change, Instant at) {
    }

    static final int HISTORY = 10;
    /** The lane of {@link #rehearseTakeover}: no instance's label ({@code VI_1 (VRID 51, IPv4)}) is this. */
    static final String REHEARSAL = "takeover rehearsal";

    DaemonSideEffects(Map<String, VrrpInstance> configByName, Map<String, String> labelByName,
                      Optional<VipWork> vips, Optional<AnnounceWork> announcements,
                      Optional<NotificationDispatcher> notifications, Consumer<StateChange> transitions) {
        this.configByName = configByName;
        this.labelByName = labelByName;
        this.vips = vips;
        this.announcements = announcements;
        this.notifications = notifications;
        this.transitions = transitions;
    }

    /**
     * Names the instance's label and configuration, for instances added while running (reload), and makes
     * its VIP jobs ready for its takeover.
     */
    void adopt(VrrpInstance instance, String label) {
        configByName.put(instance.name(), instance);
        labelByName.put(instance.name(), label);
        vips.ifPresent(work -> work.prepare(label, instance));
    }

    /** The last transitions of {@code name}, oldest first. Loop thread only. */
    List<TimedChange> history(String name) {
        return List.copyOf(history.getOrDefault(name, new ArrayDeque<>()));
    }

    // A takeover's path (addVips, announce, afterVips) is written without Optional's lambdas: a lambda is
    // linked the first time it is made, milliseconds on the way to a daemon's first gratuitous ARP.

    @Override
    public void addVips(InstanceRuntime instance) {
        VrrpInstance config = configOf(instance);
        if (vips.isPresent()) {
            VipWork work = vips.get();
            if (!wakeupsHeld) {
                // asked for before the advert: a VIP thread spinning for this takeover takes the add at once
                // and makes it while the advert is sent; one that sleeps is woken only once the advert is out
                // and the announcements are queued behind the add (announce, actionsCarriedOut)
                work.holdWakeups();
                wakeupsHeld = true;
            }
            work.add(instance.label(), config);
        } else {
            LOG.warn("{}: no VIP backend plugin is loaded: VIPs not added", instance.label());
        }
    }

    @Override
    public void takeoverNear(InstanceRuntime instance) {
        if (vips.isPresent()) {
            vips.get().expectAdd(instance.label());
        }
    }

    @Override
    public void removeVips(InstanceRuntime instance) {
        announcements.ifPresent(work -> work.cancel(instance.label()));
        vips.ifPresent(work -> work.remove(instance.label(), configOf(instance)));
    }

    @Override
    public void announce(InstanceRuntime instance) {
        if (announcements.isEmpty()) {
            return;
        }
        AnnounceWork work = announcements.get();
        // the stint begins now, on the loop, so that leaving master (removeVips) ends it even before the
        // deferred announcements run
        AnnounceWork.Mastership stint = work.claim(instance.label());
        announceAfterVips(instance.label(), work, stint, configOf(instance));
        wakeVipThreads();
    }

    @Override
    public void actionsCarriedOut() {
        wakeVipThreads();
    }

    /** Hands over the VIP work held since {@link #addVips}: its announcements are queued behind it now. */
    private void wakeVipThreads() {
        if (wakeupsHeld) {
            wakeupsHeld = false;
            vips.get().wakeHeld();
        }
    }

    /**
     * The announcements of a new master once its VIPs are up. With a VIP backend the first gratuitous ARP
     * leaves from the VIP lane's thread right after the add, and the rest is handed over by the lane's next
     * job (both under the announcer's own timeout): a hop to another thread cost a wake-up, up to
     * milliseconds on a busy host. Without one they are only scheduled, since this runs on the event loop.
     */
    private void announceAfterVips(String label, AnnounceWork work, AnnounceWork.Mastership stint,
                                   VrrpInstance config) {
        if (vips.isPresent()) {
            work.becameMasterAfterAdd(vips.get(), label, stint, config);
        } else {
            work.becameMaster(stint, config);
        }
    }

    @Override
    public void announceToLowerPriority(InstanceRuntime instance) {
        VrrpInstance config = configOf(instance);
        announcements.ifPresent(work -> work.current(instance.label())
                .ifPresent(stint -> afterVips(instance.label(), () -> work.heardLowerPriority(stint, config))));
    }

    /** Runs {@code announcing} once the VIPs asked for are up: a GARP for an address nobody holds points clients at nothing. */
    private void afterVips(String label, Runnable announcing) {
        if (vips.isPresent()) {
            vips.get().afterPending(label, announcing);
        } else {
            announcing.run();
        }
    }

    /**
     * Runs a takeover's path once, at start, with nothing added and nothing sent: the VIP backend and the
     * announcer rehearse their calls (their code runs, the host is unchanged), through the same lanes and
     * threads as a real takeover's. The first real takeover then finds that code loaded and linked, instead
     * of paying for it between its first advert and its first gratuitous ARP (10-20 ms measured). It runs
     * in a lane of its own ({@link #REHEARSAL}), beside the instances', on the plugins' threads.
     */
    void rehearseTakeover(VrrpInstance config) {
        vips.ifPresent(VipWork::holdWakeups);
        vips.ifPresent(work -> work.rehearseAdd(REHEARSAL, config));
        rehearseAnnouncements(config);
        vips.ifPresent(VipWork::wakeHeld);
    }

    /**
     * One more rehearsal of a takeover's plugin calls, for a daemon of many instances: the adds and
     * announcements of {@link #rehearseTakeover}, on any thread, holding no wake-ups (the event loop may hold
     * them meanwhile); {@code done} runs once the VIP lane has run them (at once without a VIP backend).
     */
    void rehearseAgain(VrrpInstance config, Runnable done) {
        vips.ifPresent(work -> work.rehearseAdds(REHEARSAL, config));
        rehearseAnnouncements(config);
        afterVips(REHEARSAL, done);
    }

    private void rehearseAnnouncements(VrrpInstance config) {
        if (announcements.isPresent()) {
            AnnounceWork work = announcements.get();
            AnnounceWork.Mastership stint = work.rehearsal(REHEARSAL);
            announceAfterVips(REHEARSAL, work, stint, config);
            afterVips(REHEARSAL, () -> work.endRehearsal(stint));
        }
    }

    @Override
    public void stateChanged(StateChange change) {
        String who = change.subject() == Transition.Subject.GROUP ? "group " + change.name()
                : labelByName.getOrDefault(change.name(), change.name());
        LOG.info("{}: {} -> {} ({}), effective priority {}", who, change.from(), change.to(), change.cause().text(),
                change.effectivePriority());
        Instant now = Instant.now();
        notifications.ifPresent(dispatcher -> dispatcher.submit(change.toTransition(now)));
        Deque<TimedChange> past = history.computeIfAbsent(change.name(), name -> new ArrayDeque<>());
        if (past.size() == HISTORY) {
            past.removeFirst();
        }
        past.addLast(new TimedChange(change, now));
        transitions.accept(change);
    }

    @Override
    public void suspectedBug(SuspectedBug bug) {
        LOG.error("bug: {}: {} in state {}", labelByName.getOrDefault(bug.instance(), bug.instance()), bug.what(),
                bug.state());
    }

    private VrrpInstance configOf(InstanceRuntime instance) {
        return configByName.get(instance.machine().parameters().name());
    }
}
