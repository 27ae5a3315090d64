package io.hakeeper.engine.vrrp;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;

/**
 * The VRRP state machine of one instance (RFC 3768 for v2, RFC 5798 for v3, keepalived's behaviour where
 * they differ). Pure and deterministic: every event is a method call carrying the monotonic time
 * {@code nowNanos}; every consequence is an {@link Action} appended to the shared {@link ActionBuffer}; the
 * machine has one timer, whose deadline the loop reads from {@link #nextDeadlineNanos()} after each event.
 *
 * <p>The state field is assigned in exactly one place, {@link #changeState}, which runs the entry action of
 * the new state, counts and reports the change, and tells the sync group. The steady state — a master's
 * advert timer, a backup hearing its master — allocates nothing.
 *
 * <p>Configuration ({@link InstanceParameters}) and runtime state (effective priority, timers, counters)
 * are kept apart: the fields below the parameters are everything the machine learns while running.
 *
 * <p>How the event loop drives it: build every machine over one shared {@link ActionBuffer} (and any
 * {@link SyncGroupMachine} over its members); report the interface and tracked items it already knows;
 * call {@link #onStart}; then after every event — an advert that passed the receive checks, a link or
 * tracked change, the timer — carry out the buffer's actions in order, re-arm the timer of the machine the
 * event was for and of every machine the buffer says moved its deadline, and clear the buffer.
 */
public final class InstanceMachine {

    /** The deadline of a machine with no timer running (INIT, FAULT, STOP). */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long NOTHING_HEARD = Long.MIN_VALUE;

    private final InstanceParameters config;
    private final byte[] primaryAddress;
    private final long advertIntervalNanos;
    // the parameters every received advert reads, copied here so that an advert does not reach into the
    // parameters' object too (with 1,000 instances, one more cold cache line each time)
    private final int version;
    private final boolean nopreempt;
    private final long preemptDelayNanos;
    private final ActionBuffer out;

    private final Tracking tracking;
    private final ElectionTimers timers = new ElectionTimers();
    private final VrrpCounters counters = new VrrpCounters();
    private VrrpState state = VrrpState.INIT;
    private int effectivePriority;
    private boolean interfaceUp = true;
    /** Why adverts cannot go out (no source address, no socket), or null when they can. */
    private TransitionCause cannotSend;
    /** The master-down timer in BACKUP, the advert timer in MASTER. */
    private long deadline = NO_DEADLINE;
    /** A backup with a preempt_delay accepts lower-priority masters until then. */
    private long preemptAllowedAtNanos;
    /** A master answers lower-priority adverts at most once per advert interval, so that nobody on the segment sets our packet rate. */
    private long nextAnswerAllowedAtNanos;
    /** Set when this member's master-down timer expired but its sync group was not ready to go master. */
    private boolean wantsMaster;
    private SyncGroupMachine group;
    /** The base priority an operator set (ha-admin priority), or 0 for the configured one. */
    private int priorityOverride;
    /** In maintenance (ha-admin maintenance) the instance resigns and stays BACKUP. */
    private boolean maintenance;
    /**
     * The last advert heard before the start ({@link #onStart(long, long)} replays it): its arrival, or
     * {@link #NOTHING_HEARD}, its priority and interval.
     */
    private long heardBeforeStartAtNanos = NOTHING_HEARD;
    private int heardBeforeStartPriority;
    private int heardBeforeStartIntervalCentiseconds;

    /**
     * @param out where the actions go; usually one buffer shared by every machine of the loop
     */
    public InstanceMachine(InstanceParameters config, ActionBuffer out) {
        this.config = config;
        this.primaryAddress = config.primaryAddress();
        this.advertIntervalNanos = config.advertIntervalCentiseconds() * ElectionTimers.NANOS_PER_CENTISECOND;
        this.version = config.version();
        this.nopreempt = config.nopreempt();
        this.preemptDelayNanos = config.preemptDelayNanos();
        this.out = out;
        this.tracking = new Tracking(config.tracked());
        this.effectivePriority = computeEffectivePriority();
        timers.recalculate(config.version(), effectivePriority, config.advertIntervalCentiseconds());
    }

    // ---- events --------------------------------------------------------------------------------------

    /** Startup, listening from now: see {@link #onStart(long, long)}. */
    public void onStart(long nowNanos) {
        onStart(nowNanos, nowNanos);
    }

    /**
     * Startup: to MASTER at once for an address owner, else BACKUP (or FAULT when something demands it). A
     * backup's master-down timer counts from {@code listeningSinceNanos}, when the adverts for this instance
     * began to be read (the elections' start, shared by every instance the loop starts in slices after it),
     * and the last advert that arrived for it since then, before this call, is taken now as a backup would
     * have taken it then. So a backup started late in a long start has listened for exactly one
     * Master_Down_Interval from the elections' start, as if every instance had started at once, and no
     * advert of that time is lost.
     */
    public void onStart(long listeningSinceNanos, long nowNanos) {
        if (state != VrrpState.INIT) {
            reportBug("start event in a started instance");
            return;
        }
        long heardAt = heardBeforeStartAtNanos;
        heardBeforeStartAtNanos = NOTHING_HEARD;
        if (ownFault()) {
            changeState(VrrpState.FAULT, faultCause(), nowNanos);
        } else if (group != null && group.trackedFault()) {
            changeState(VrrpState.FAULT, TransitionCause.SYNC_GROUP_FAULT, nowNanos);
        } else if (config.addressOwner() && group == null) {
            changeState(VrrpState.MASTER, TransitionCause.ADDRESS_OWNER, nowNanos);
        } else {
            changeState(VrrpState.BACKUP, TransitionCause.STARTUP, nowNanos);
            long since = Math.min(listeningSinceNanos, nowNanos);
            if (state == VrrpState.BACKUP && !maintenance && since < nowNanos) {
                moveDeadline(since + timers.masterDownNanos());
                if (heardAt != NOTHING_HEARD && heardAt >= since) {
                    backupHeard(heardBeforeStartPriority, heardBeforeStartIntervalCentiseconds, heardAt);
                }
            }
        }
    }

    /**
     * An advert for this instance that passed every receive check. The view is read during the call only.
     */
    public void onAdvert(ReceivedAdvert advert, long nowNanos) {
        // advert_rcvd and pri_zero_rcvd are the receive side's to count (ReceiveLedger), with the errors
        int priority = advert.priority();
        switch (state) {
            case BACKUP -> backupHeard(priority, advert.intervalCentiseconds(), nowNanos);
            case MASTER -> masterHeard(advert, priority, nowNanos);
            case INIT -> {
                // not started yet: kept for the start, which counts the listening from before it
                heardBeforeStartAtNanos = nowNanos;
                heardBeforeStartPriority = priority;
                heardBeforeStartIntervalCentiseconds = advert.intervalCentiseconds();
            }
            default -> {
                // FAULT and STOP take no part in the election: the advert is counted and dropped.
            }
        }
    }

    /**
     * The timer the loop armed at {@link #nextDeadlineNanos()} fired. A call before the deadline (the loop's
     * timer was armed for an older deadline) does nothing.
     */
    public void onTimer(long nowNanos) {
        if (deadline == NO_DEADLINE) {
            reportBug("timer fired with no timer running");
            return;
        }
        if (nowNanos < deadline) {
            return;
        }
        switch (state) {
            case BACKUP -> masterDownTimerExpired(nowNanos);
            case MASTER -> {
                sendAdvert();
                moveDeadline(nowNanos + advertIntervalNanos);
            }
            default -> reportBug("timer fired in a state that runs none");
        }
    }

    /** A tracked interface, script or process changed (or a file's status, for INITIALISING). */
    public void onTrackedChange(TrackKind kind, String name, TrackedStatus status, long nowNanos) {
        if (tracking.update(kind, name, status)) {
            reevaluate(nowNanos);
        }
    }

    /** A track_file's new value. */
    public void onTrackedFileValue(String name, long value, long nowNanos) {
        if (tracking.updateFileValue(name, value)) {
            reevaluate(nowNanos);
        }
    }

    /** The VRRP interface itself went up or down (ignored for FAULT with dont_track_primary). */
    public void onInterfaceChange(boolean up, long nowNanos) {
        if (interfaceUp != up) {
            interfaceUp = up;
            reevaluate(nowNanos);
        }
    }

    /**
     * Adverts cannot go out ({@link TransitionCause#NO_SOURCE_ADDRESS} or {@link TransitionCause#NO_SOCKET}):
     * FAULT whatever dont_track_primary says and whatever the link does, because a master that cannot send
     * would take the VIPs from a live master that never hears of it.
     */
    public void onCannotSend(TransitionCause why, long nowNanos) {
        if (why != TransitionCause.NO_SOURCE_ADDRESS && why != TransitionCause.NO_SOCKET) {
            throw new IllegalArgumentException("not a reason that adverts cannot be sent: " + why);
        }
        if (cannotSend != why) {
            cannotSend = why;
            reevaluate(nowNanos, TransitionCause.CAN_SEND);
        }
    }

    /**
     * Adverts can go out again, from {@code primaryAddress} (the address found on the interface, as long as
     * the one the machine was built with): the election compares it from now on.
     */
    public void onCanSend(byte[] primaryAddress, long nowNanos) {
        if (primaryAddress.length != this.primaryAddress.length) {
            throw new IllegalArgumentException("a primary address of " + primaryAddress.length + " bytes, not "
                    + this.primaryAddress.length);
        }
        System.arraycopy(primaryAddress, 0, this.primaryAddress, 0, primaryAddress.length);
        if (cannotSend != null) {
            cannotSend = null;
            reevaluate(nowNanos, TransitionCause.CAN_SEND);
        }
    }

    /** Administrative shutdown: to STOP; a master resigns with a priority-0 advert first. */
    public void onShutdown(long nowNanos) {
        if (state != VrrpState.STOP) {
            changeState(VrrpState.STOP, TransitionCause.SHUTDOWN, nowNanos);
        }
    }

    /**
     * An operator replaced the base priority (1–254; the weights still apply), or restored the configured
     * one with {@code 0}. An address owner keeps 255 unless overridden.
     */
    public void onPriorityOverride(int basePriority, long nowNanos) {
        if (basePriority != 0 && (basePriority < 1 || basePriority > InstanceParameters.OWNER_PRIORITY - 1)) {
            throw new IllegalArgumentException("a base priority is 1-254, not " + basePriority);
        }
        priorityOverride = basePriority;
        reevaluate(nowNanos);
    }

    /**
     * Maintenance on: a master resigns at once with a priority-0 advert, and the instance stays BACKUP (or
     * FAULT) without ever taking over. Off: a backup runs its master-down timer again, and takes over as usual.
     */
    public void onMaintenance(boolean on, long nowNanos) {
        if (maintenance == on) {
            return;
        }
        maintenance = on;
        if (on) {
            if (state == VrrpState.MASTER) {
                changeState(VrrpState.BACKUP, TransitionCause.MAINTENANCE, nowNanos);
            }
            if (state == VrrpState.BACKUP) {
                moveDeadline(NO_DEADLINE);
                wantsMaster = false;
            }
        } else if (state == VrrpState.BACKUP) {
            moveDeadline(nowNanos + timers.masterDownNanos());
        }
    }

    // ---- what the loop reads -------------------------------------------------------------------------

    /** When the loop must call {@link #onTimer}; {@link #NO_DEADLINE} when no timer runs. */
    public long nextDeadlineNanos() {
        return deadline;
    }

    public VrrpState state() {
        return state;
    }

    /** Why adverts cannot go out, or null when they can. */
    public TransitionCause cannotSend() {
        return cannotSend;
    }

    /**
     * Why the instance is in FAULT now (its own reason first, else its sync group's), or null when it is
     * not in FAULT.
     */
    public TransitionCause faultReason() {
        if (state != VrrpState.FAULT) {
            return null;
        }
        return ownFault() ? faultCause() : TransitionCause.SYNC_GROUP_FAULT;
    }

    /** Base priority plus the weights in effect, clamped to 1–254; 255 for the address owner. */
    public int effectivePriority() {
        return effectivePriority;
    }

    /** The advert interval to send with (this router's own). */
    public int advertIntervalCentiseconds() {
        return config.advertIntervalCentiseconds();
    }

    /** The current Master_Down_Interval, for status output and tests. */
    public long masterDownIntervalNanos() {
        return timers.masterDownNanos();
    }

    /** The current Skew_Time, for status output and tests. */
    public long skewTimeNanos() {
        return timers.skewNanos();
    }

    /** The base priority in use: the operator's override, else the configured one (255 for an owner). */
    public int basePriority() {
        if (priorityOverride != 0) {
            return priorityOverride;
        }
        return config.addressOwner() ? InstanceParameters.OWNER_PRIORITY : config.priority();
    }

    /** Whether an operator overrode the base priority. */
    public boolean priorityOverridden() {
        return priorityOverride != 0;
    }

    public boolean maintenance() {
        return maintenance;
    }

    /** Each tracked item's part in the effective priority, for ha-admin instance (allocates; not hot). */
    public java.util.List<TrackedTerm> priorityTerms() {
        return tracking.terms();
    }

    public InstanceParameters parameters() {
        return config;
    }

    /**
     * This instance's counters: the machine counts what it decides (become_master, release_master,
     * advert_sent, pri_zero_sent); the receive side books its verdicts into the same set.
     */
    public VrrpCounters counters() {
        return counters;
    }

    public long counter(VrrpCounter counter) {
        return counters.get(counter);
    }

    // ---- the election --------------------------------------------------------------------------------

    private void backupHeard(int priority, int intervalCentiseconds, long nowNanos) {
        if (priority == 0 && !maintenance) {
            // The master resigns: whoever has the shortest skew takes over.
            moveDeadline(nowNanos + timers.skewNanos());
            return;
        }
        boolean higher = priority > effectivePriority;
        if (maintenance) {
            // in maintenance a backup only listens: no master-down timer runs
            moveDeadline(NO_DEADLINE);
            return;
        }
        if (nopreempt || priority >= effectivePriority || preemptDelayRunning(nowNanos)) {
            if (higher && preemptDelayNanos > 0) {
                preemptAllowedAtNanos = nowNanos + preemptDelayNanos;
            }
            if (version == 3 && intervalCentiseconds != timers.masterAdverIntervalCentiseconds()) {
                timers.recalculate(3, effectivePriority, intervalCentiseconds);
            }
            moveDeadline(nowNanos + timers.masterDownNanos());
            wantsMaster = false;
        }
        // Otherwise a lower-priority master is not accepted: the timer runs out and this backup preempts.
    }

    private void masterHeard(ReceivedAdvert advert, int priority, long nowNanos) {
        if (priority == 0) {
            // RFC: answer a resigning peer at once so that the backups do not take over; rate-limited too.
            if (answerAllowed(nowNanos)) {
                sendAdvert();
                moveDeadline(nowNanos + advertIntervalNanos);
            }
            return;
        }
        if (priority > effectivePriority
                || (priority == effectivePriority && advert.compareSourceAddressTo(primaryAddress) > 0)) {
            changeState(VrrpState.BACKUP, TransitionCause.HIGHER_PRIORITY_ADVERT, nowNanos);
            // The new master's advert is the backup's first accepted one (v3: it also sets the interval).
            if (state == VrrpState.BACKUP) {
                backupHeard(priority, advert.intervalCentiseconds(), nowNanos);
            }
            return;
        }
        // A lower priority claims mastership: as keepalived, assert ourselves at once with an advert and
        // GARPs, but never more than once per interval, so that nobody can set our packet rate.
        if (answerAllowed(nowNanos)) {
            sendAdvert();
            out.add(this, Effect.ANNOUNCE_TO_LOWER_PRIORITY);
        }
    }

    private boolean answerAllowed(long nowNanos) {
        if (nowNanos < nextAnswerAllowedAtNanos) {
            return false;
        }
        nextAnswerAllowedAtNanos = nowNanos + advertIntervalNanos;
        return true;
    }

    private boolean preemptDelayRunning(long nowNanos) {
        return preemptDelayNanos > 0 && nowNanos < preemptAllowedAtNanos;
    }

    private void masterDownTimerExpired(long nowNanos) {
        if (maintenance) {
            moveDeadline(NO_DEADLINE);
            return;
        }
        if (group == null) {
            changeState(VrrpState.MASTER, TransitionCause.MASTER_DOWN_TIMER, nowNanos);
            return;
        }
        wantsMaster = true;
        if (!group.memberWantsMaster(this, nowNanos)) {
            // Not every member is ready; keep waiting, silently, as keepalived's wantstate.
            moveDeadline(nowNanos + timers.masterDownNanos());
        }
    }

    // ---- priority and FAULT --------------------------------------------------------------------------

    private void reevaluate(long nowNanos) {
        reevaluate(nowNanos, interfaceUp ? TransitionCause.TRACKED_CLEAR : TransitionCause.INTERFACE_UP);
    }

    /** {@code clearedBy}: the cause told when this event lets the instance leave FAULT. */
    private void reevaluate(long nowNanos, TransitionCause clearedBy) {
        int before = effectivePriority;
        effectivePriority = computeEffectivePriority();
        if (effectivePriority != before) {
            timers.recalculate(config.version(), effectivePriority, timers.masterAdverIntervalCentiseconds());
        }
        if (state == VrrpState.INIT || state == VrrpState.STOP) {
            return;
        }
        boolean fault = ownFault();
        if (fault && state != VrrpState.FAULT) {
            changeState(VrrpState.FAULT, faultCause(), nowNanos);
        } else if (!fault && state == VrrpState.FAULT) {
            if (group == null) {
                leaveFault(clearedBy, nowNanos);
            } else {
                group.memberFaultCleared(nowNanos);
            }
        }
    }

    // The one place priority is derived: the operator's override replaces the base priority and the weights
    // still apply, so that the timer recalculation and the adverts follow it like any weight. Maintenance is
    // not a priority: it is the state rule in onMaintenance, masterDownTimerExpired and backupHeard.
    private int computeEffectivePriority() {
        if (config.addressOwner() && priorityOverride == 0) {
            return InstanceParameters.OWNER_PRIORITY;
        }
        long adjusted = basePriority() + tracking.weightSum();
        return (int) Math.max(1, Math.min(254, adjusted));
    }

    /** Whether this instance, by its own interface and tracked items, must be in FAULT. */
    boolean ownFault() {
        return cannotSend != null || (!interfaceUp && !config.dontTrackPrimary()) || tracking.demandsFault();
    }

    private TransitionCause faultCause() {
        if (cannotSend != null) {
            return cannotSend;
        }
        return !interfaceUp && !config.dontTrackPrimary() ? TransitionCause.INTERFACE_DOWN
                : TransitionCause.TRACKED_FAULT;
    }

    // ---- the sync group's handles (called by SyncGroupMachine only) ----------------------------------

    void joinGroup(SyncGroupMachine syncGroup) {
        this.group = syncGroup;
    }

    boolean wantsMaster() {
        return wantsMaster;
    }

    void leaveFault(TransitionCause cause, long nowNanos) {
        changeState(config.addressOwner() && group == null ? VrrpState.MASTER : VrrpState.BACKUP, cause, nowNanos);
    }

    void forceState(VrrpState to, TransitionCause cause, long nowNanos) {
        changeState(to, cause, nowNanos);
    }

    // ---- the one state change ------------------------------------------------------------------------

    private void changeState(VrrpState to, TransitionCause cause, long nowNanos) {
        VrrpState from = state;
        if (from == to) {
            return;
        }
        if (from == VrrpState.MASTER) {
            // a master that can no longer send cannot resign with an advert either: the backups' timer does it
            if ((to == VrrpState.FAULT || to == VrrpState.STOP || cause == TransitionCause.MAINTENANCE)
                    && cannotSend == null) {
                out.add(this, Effect.SEND_PRIORITY_ZERO_ADVERT);
                counters.increment(VrrpCounter.PRI_ZERO_SENT);
            }
            out.add(this, Effect.REMOVE_VIPS);
            counters.increment(VrrpCounter.RELEASE_MASTER);
        }
        state = to;
        wantsMaster = false;
        switch (to) {
            case MASTER -> {
                counters.increment(VrrpCounter.BECOME_MASTER);
                // the VIPs asked for before the advert (RFC 5798 6.4.2 sends it first): a VIP thread the runtime
                // has waiting for this takeover adds them while the advert is sent instead of after it; one it
                // would have to wake is held until the advert is out, which a woken thread could delay on a
                // busy machine. The announcements follow the advert: no gratuitous ARP precedes it.
                out.add(this, Effect.ADD_VIPS);
                sendAdvert();
                out.add(this, Effect.ANNOUNCE);
                moveDeadline(nowNanos + advertIntervalNanos);
                nextAnswerAllowedAtNanos = nowNanos;
            }
            case BACKUP -> {
                timers.recalculate(config.version(), effectivePriority, config.advertIntervalCentiseconds());
                moveDeadline(maintenance ? NO_DEADLINE : nowNanos + timers.masterDownNanos());
                preemptAllowedAtNanos = nowNanos + config.preemptDelayNanos();
            }
            default -> moveDeadline(NO_DEADLINE);
        }
        out.add(this, new StateChange(Transition.Subject.INSTANCE, config.name(), from, to, effectivePriority, cause,
                nowNanos));
        if (group != null) {
            group.memberChanged(this, from, to, nowNanos);
        }
    }

    /**
     * The one place the deadline moves: the buffer hears of it, so that the loop re-arms the timers of the
     * machines an event moved rather than every machine's after every event.
     */
    private void moveDeadline(long to) {
        if (to != deadline) {
            deadline = to;
            out.deadlineMoved(this);
        }
    }

    private void sendAdvert() {
        out.add(this, Effect.SEND_ADVERT);
        counters.increment(VrrpCounter.ADVERT_SENT);
    }

    private void reportBug(String what) {
        out.add(this, new SuspectedBug(config.name(), state, what));
    }
}
