package io.hakeeper.engine.runtime;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.loop.LoopCore;
import io.hakeeper.engine.loop.MonotonicClock;
import io.hakeeper.engine.loop.Timer;
import io.hakeeper.engine.vrrp.Action;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.Effect;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SuspectedBug;
import io.hakeeper.engine.vrrp.SyncGroupMachine;
import io.hakeeper.engine.vrrp.TrackedItem;
import io.hakeeper.engine.vrrp.TrackedStatus;
import io.hakeeper.engine.vrrp.TransitionCause;

/**
 * Every instance the event loop owns, and the one place where the machines' actions are carried out: after
 * each event (a packet, a timer, a tracked change) the shared action buffer is drained in order, adverts are
 * sent at once, side effects are handed on, and the single timer of each instance the event moved is
 * re-armed to its machine's next deadline. Every lookup an event makes is by index, so that an event costs
 * the same with 10 instances as with 1,000. Loop thread only.
 */
public final class VrrpRuntime {

    /**
     * How long {@link #start()} starts instances in one loop turn before it lets the loop read its sockets:
     * far below the shortest Master_Down_Interval (0.3 s at advert_int 0.1 s), and long enough that the
     * turns between the slices cost little beside the starts.
     */
    static final long START_SLICE_NANOS = 1_000_000;
    /**
     * The shortest Master_Down_Interval whose backups ask for the loop's warm-up before their takeover: a
     * process's memory left alone for half a second or more is slower to touch again on a virtual machine
     * (see {@code MemoryWarmth}), and at this length the warm-up, 150 ms before the deadline, comes only
     * after two adverts or more were missed.
     */
    static final long WARM_UP_MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final LoopCore loop;
    private final MonotonicClock clock;
    private final ActionBuffer actions;
    private final SideEffects sideEffects;
    /**
     * Where every instance's adverts are written, one at a time: the transport has sent an advert when its
     * send returns, so one buffer serves them all and stays in the cache.
     */
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(InstanceRuntime.SEND_BUFFER_BYTES);
    private final List<InstanceRuntime> instances = new ArrayList<>();
    private final List<SyncGroupMachine> groups = new ArrayList<>();
    private final Map<InstanceMachine, InstanceRuntime> byMachine = new IdentityHashMap<>();
    /** The timer of the next batch of {@link #start()}, while instances wait to be started. */
    private Timer startTimer;
    private final MultiIndex<String, InstanceRuntime> byInterface = new MultiIndex<>();
    private final MultiIndex<TrackedName, InstanceRuntime> byTracked = new MultiIndex<>();
    private final MultiIndex<TrackedName, SyncGroupMachine> groupsByTracked = new MultiIndex<>();

    /** What a tracked change names: a track_file and a vrrp_script may share a name. */
    private record TrackedName(TrackKind kind, String name) {
    }

    public VrrpRuntime(LoopCore loop, MonotonicClock clock, ActionBuffer actions, SideEffects sideEffects) {
        this.loop = loop;
        this.clock = clock;
        this.actions = actions;
        this.sideEffects = sideEffects;
    }

    /** The buffer every machine of this runtime must write its actions to. */
    public ActionBuffer actions() {
        return actions;
    }

    /** Takes an instance into the runtime and gives it its timer; {@link #start} begins the elections. */
    public void add(InstanceRuntime instance) {
        Timer timer = loop.newTimer(instance.label() + " timer", () -> onTimer(instance),
                () -> sideEffects.takeoverNear(instance));
        instance.attach(timer);
        instances.add(instance);
        byMachine.put(instance.machine(), instance);
        byInterface.add(instance.interfaceName(), instance);
        for (TrackedItem item : instance.machine().parameters().tracked()) {
            byTracked.add(new TrackedName(item.kind(), item.name()), instance);
        }
    }

    /** Takes a sync group over members already added. */
    public void addGroup(SyncGroupMachine group) {
        groups.add(group);
        for (TrackedItem item : group.tracked()) {
            groupsByTracked.add(new TrackedName(item.kind(), item.name()), group);
        }
    }

    /**
     * Takes an instance out (reload removed or changed it): it resigns as at shutdown — a master sends
     * priority 0 and its VIPs go — and its timer stops.
     */
    public void remove(InstanceRuntime instance) {
        instance.machine().onShutdown(clock.nanoTime());
        afterEvent(instance);
        loop.cancel(instance.timer());
        instances.remove(instance);
        byMachine.remove(instance.machine());
        byInterface.remove(instance.interfaceName(), instance);
        for (TrackedItem item : instance.machine().parameters().tracked()) {
            byTracked.remove(new TrackedName(item.kind(), item.name()), instance);
        }
    }

    /** Starts one instance added while running (reload). */
    public void start(InstanceRuntime instance) {
        instance.machine().onStart(clock.nanoTime());
        afterEvent(instance);
    }

    /** ha-admin priority: a new base priority, or 0 for the configured one. */
    public void overridePriority(InstanceRuntime instance, int basePriority) {
        instance.machine().onPriorityOverride(basePriority, clock.nanoTime());
        afterEvent(instance);
    }

    /** ha-admin maintenance on or off. */
    public void maintenance(InstanceRuntime instance, boolean on) {
        instance.machine().onMaintenance(on, clock.nanoTime());
        afterEvent(instance);
    }

    public List<InstanceRuntime> instances() {
        return List.copyOf(instances);
    }

    /** The instances whose VRRP interface is {@code interfaceName}, found with one lookup. */
    public List<InstanceRuntime> instancesOn(String interfaceName) {
        return List.copyOf(byInterface.get(interfaceName));
    }

    /**
     * Starts every instance's machine (BACKUP, or MASTER at once for an address owner), for
     * {@link #START_SLICE_NANOS} at a time: a slice now, each next one from a timer due at once, so that the
     * loop reads the sockets in between. Started in one pass, 1,000 instances kept the loop from reading for
     * longer than a Master_Down_Interval at advert_int 0.1 s (each start is a logged, notified transition),
     * and the first backups took over from a master they had not had the time to hear. The slice is measured
     * rather than counted: a count of starts small enough for a cold JVM (tens of microseconds each) split a
     * warm one's start of 1,000 into a hundred loop turns, and every turn is a chance for the scheduler to
     * run something else, so that the starts, and with them the master-down timers and the first adverts of
     * a new master, spread over hundreds of milliseconds. Sync groups start in one pass, so that no member
     * starts beside a member not started yet.
     *
     * <p>Every instance listens from this call on, wherever its start falls among the slices: its
     * master-down timer counts from now, and an advert read for it before its start is taken at its start
     * ({@link InstanceMachine#onStart(long, long)}). So the backups of a host that finds no master take over
     * together one Master_Down_Interval after this call, as if started at once, rather than as spread as
     * their starts were.
     */
    public void start() {
        List<InstanceRuntime> toStart = List.copyOf(instances);
        startSlice(toStart, 0, groups.isEmpty() ? START_SLICE_NANOS : Long.MAX_VALUE, clock.nanoTime());
    }

    private void startSlice(List<InstanceRuntime> toStart, int first, long sliceNanos, long listeningSinceNanos) {
        long began = clock.nanoTime();
        int next = first;
        // at least one start per turn, so that a slow clock or a slow start cannot stall the rest
        do {
            InstanceRuntime instance = toStart.get(next++);
            if (byMachine.get(instance.machine()) == instance && instance.machine().state() == VrrpState.INIT) {
                instance.machine().onStart(listeningSinceNanos, clock.nanoTime());
                afterEvent(instance);
            }
        } while (next < toStart.size() && clock.nanoTime() - began < sliceNanos);
        if (next < toStart.size()) {
            int resume = next;
            startTimer = loop.newTimer("start instances " + (resume + 1) + "-",
                    () -> startSlice(toStart, resume, sliceNanos, listeningSinceNanos));
            // due after the loop's present turn, whose due timers it runs to the end, reading no socket
            loop.schedule(startTimer, clock.nanoTime() + 1);
        } else {
            startTimer = null;
        }
    }

    /** Resigns every instance (masters send priority 0) and stops their timers. */
    public void shutdown() {
        if (startTimer != null) {
            loop.cancel(startTimer);
        }
        long now = clock.nanoTime();
        for (InstanceRuntime instance : instances) {
            instance.machine().onShutdown(now);
        }
        afterEvent(null);
        for (InstanceRuntime instance : instances) {
            loop.cancel(instance.timer());
        }
    }

    /**
     * A check, file or process the instances or groups track changed. For a track_file, {@code value} is
     * its number (and the status UP); otherwise it is ignored.
     */
    public void onTrackedChange(TrackKind kind, String name, TrackedStatus status, long value) {
        long now = clock.nanoTime();
        TrackedName tracked = new TrackedName(kind, name);
        for (InstanceRuntime instance : byTracked.get(tracked)) {
            if (kind == TrackKind.FILE && status == TrackedStatus.UP) {
                instance.machine().onTrackedFileValue(name, value, now);
            } else {
                instance.machine().onTrackedChange(kind, name, status, now);
            }
        }
        for (SyncGroupMachine group : groupsByTracked.get(tracked)) {
            group.onTrackedChange(kind, name, status, now);
        }
        afterEvent(null);
    }

    /**
     * A link went up or down (or appeared or vanished): the VRRP interface of the instances on it, and a
     * tracked interface of any instance or group.
     */
    public void onInterfaceChange(String interfaceName, boolean up) {
        long now = clock.nanoTime();
        for (InstanceRuntime instance : byInterface.get(interfaceName)) {
            instance.machine().onInterfaceChange(up, now);
        }
        afterEvent(null);
        onTrackedChange(TrackKind.INTERFACE, interfaceName, up ? TrackedStatus.UP : TrackedStatus.DOWN, 0);
    }

    /**
     * An instance that had no address to send from has one now ({@code source}, of its family): it leaves
     * FAULT unless something else holds it there.
     */
    public void canSendAgain(InstanceRuntime instance, byte[] source) {
        instance.useSource(source);
        instance.machine().onCanSend(source, clock.nanoTime());
        afterEvent(instance);
    }

    /** An instance cannot send any more (its address went): FAULT for that cause. */
    public void cannotSend(InstanceRuntime instance, TransitionCause why) {
        instance.cannotSend(why.text());
        instance.machine().onCannotSend(why, clock.nanoTime());
        afterEvent(instance);
    }

    private void onTimer(InstanceRuntime instance) {
        instance.machine().onTimer(clock.nanoTime());
        afterEvent(instance);
    }

    /**
     * Carries out what the machines asked for, in the order they asked, then re-arms the timers that need
     * it: the one of {@code target}, the instance the event was for (its timer may just have fired and left
     * the queue, with its deadline unchanged), and those of the machines whose deadline moved, which
     * include any a sync group moved with it. The others are not touched.
     *
     * @param target the instance the event was for, or null for an event of many (each one's move is noted)
     */
    void afterEvent(InstanceRuntime target) {
        for (int i = 0; i < actions.size(); i++) {
            carryOut(actions.source(i), actions.action(i), target);
        }
        sideEffects.actionsCarriedOut();
        boolean targetRearmed = false;
        for (int i = 0; i < actions.movedDeadlines(); i++) {
            InstanceRuntime moved = runtimeOf(actions.movedDeadline(i), target);
            rearm(moved);
            targetRearmed |= moved == target;
        }
        actions.clear();
        if (target != null && !targetRearmed) {
            rearm(target);
        }
    }

    /**
     * Arms the instance's timer for its machine's deadline. A later deadline is a postponement: a backup
     * pushes its deadline back at every advert it hears, and the queue moves its timer only when it comes
     * to the front, about once per Master_Down_Interval, without a wake-up of the loop for the old deadline.
     */
    private void rearm(InstanceRuntime instance) {
        long deadline = instance.machine().nextDeadlineNanos();
        Timer timer = instance.timer();
        // a backup's deadline is its takeover, should no advert come first
        boolean backup = instance.machine().state() == VrrpState.BACKUP;
        timer.wantHeadsUp(backup);
        timer.wantWarmUp(backup && instance.machine().masterDownIntervalNanos() >= WARM_UP_MIN_INTERVAL_NANOS);
        if (deadline == InstanceMachine.NO_DEADLINE) {
            loop.cancel(timer);
        } else if (!timer.isArmed() || deadline != timer.deadline()) {
            loop.postpone(timer, deadline);
        }
    }

    private void carryOut(InstanceMachine source, Action action, InstanceRuntime target) {
        if (action instanceof Effect effect) {
            InstanceRuntime instance = runtimeOf(source, target);
            switch (effect) {
                case SEND_ADVERT -> instance.sendAdvert(sendBuffer, source.effectivePriority());
                case SEND_PRIORITY_ZERO_ADVERT -> instance.sendAdvert(sendBuffer, 0);
                case ADD_VIPS -> sideEffects.addVips(instance);
                case REMOVE_VIPS -> sideEffects.removeVips(instance);
                case ANNOUNCE -> sideEffects.announce(instance);
                case ANNOUNCE_TO_LOWER_PRIORITY -> sideEffects.announceToLowerPriority(instance);
                default -> throw new IllegalStateException("unhandled effect " + effect);
            }
        } else if (action instanceof StateChange change) {
            if (source != null && change.to() == VrrpState.MASTER) {
                runtimeOf(source, target).peers().forgetMaster();
            }
            sideEffects.stateChanged(change);
        } else if (action instanceof SuspectedBug bug) {
            sideEffects.suspectedBug(bug);
        }
    }

    /**
     * The instance of {@code machine}: nearly always the one the event was for, which is known without a
     * lookup; a sync group's partners and events of many instances are looked up.
     */
    private InstanceRuntime runtimeOf(InstanceMachine machine, InstanceRuntime target) {
        if (target != null && target.machine() == machine) {
            return target;
        }
        InstanceRuntime instance = byMachine.get(machine);
        if (instance == null) {
            throw new IllegalStateException("an action came from a machine this runtime does not own");
        }
        return instance;
    }
}
