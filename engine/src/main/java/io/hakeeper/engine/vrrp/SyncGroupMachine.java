package io.hakeeper.engine.vrrp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.SyncGroup;
import io.hakeeper.engine.config.model.TrackKind;

/**
 * A sync group: instances that change state together, as keepalived's {@code vrrp_sync_group}. The group
 * goes MASTER only when every member wants MASTER (its master-down timer expired); any member leaving
 * MASTER for BACKUP pulls the others to BACKUP; any member in FAULT, or any item the group itself tracks
 * being down (or without a result yet), puts every member in FAULT, until no member has a fault of its own
 * and the group's items are up. The group's own state (FAULT if any member is, MASTER if all are, else
 * BACKUP) is reported as {@link StateChange}s with subject {@link Transition.Subject#GROUP}.
 *
 * <p>Members call in through package-private methods; the group moves members only through their one
 * state-change function, and ignores the echoes of its own moves.
 */
public final class SyncGroupMachine {

    private final String name;
    private final List<InstanceMachine> members;
    private final ActionBuffer out;
    private final List<TrackedItem> tracked;
    private final Tracking tracking;
    private VrrpState state = VrrpState.INIT;
    /** True while the group itself moves members, so that their changes do not re-enter the rules. */
    private boolean applying;

    /**
     * @param tracked the group's own tracked items; their weights are ignored: any of them down is FAULT
     */
    public SyncGroupMachine(String name, List<InstanceMachine> members, List<TrackedItem> tracked, ActionBuffer out) {
        this.name = name;
        this.members = List.copyOf(members);
        this.out = out;
        this.tracked = tracked.stream().map(t -> new TrackedItem(t.kind(), t.name(), 0, t.reverse())).toList();
        this.tracking = new Tracking(this.tracked);
        this.members.forEach(m -> m.joinGroup(this));
    }

    /** The group of {@code config}, over the members' machines (found by instance name). */
    public static SyncGroupMachine from(SyncGroup config, Function<String, InstanceMachine> machineByName,
                                        ActionBuffer out) {
        List<TrackedItem> tracked = new ArrayList<>();
        config.tracked().forEach((kind, names) -> names.forEach(n -> tracked.add(new TrackedItem(kind, n, 0, false))));
        return new SyncGroupMachine(config.name(), config.members().stream().map(machineByName).toList(), tracked, out);
    }

    /**
     * An item the group tracks changed. Call it before the members' {@code onStart}, too, so that they
     * start in FAULT when the group's items are not up.
     */
    public void onTrackedChange(TrackKind kind, String itemName, TrackedStatus status, long nowNanos) {
        if (!tracking.update(kind, itemName, status)) {
            return;
        }
        if (tracking.demandsFault()) {
            applying = true;
            try {
                for (InstanceMachine m : members) {
                    if (m.state() == VrrpState.MASTER || m.state() == VrrpState.BACKUP) {
                        m.forceState(VrrpState.FAULT, TransitionCause.SYNC_GROUP_FAULT, nowNanos);
                    }
                }
            } finally {
                applying = false;
            }
            updateGroupState(nowNanos);
        } else {
            memberFaultCleared(nowNanos);
        }
    }

    /** Whether the group's own tracked items demand FAULT of every member. */
    boolean trackedFault() {
        return tracking.demandsFault();
    }

    public String name() {
        return name;
    }

    /** The items the group itself tracks (weights ignored: any of them down is FAULT). */
    public List<TrackedItem> tracked() {
        return tracked;
    }

    public VrrpState state() {
        return state;
    }

    public List<InstanceMachine> members() {
        return members;
    }

    /** A member's master-down timer expired. Returns whether the group went MASTER. */
    boolean memberWantsMaster(InstanceMachine member, long nowNanos) {
        for (InstanceMachine m : members) {
            if (m.state() != VrrpState.MASTER && !m.wantsMaster()) {
                return false;
            }
        }
        moveAll(VrrpState.BACKUP, VrrpState.MASTER, member, TransitionCause.MASTER_DOWN_TIMER,
                TransitionCause.SYNC_GROUP_MASTER, nowNanos);
        return true;
    }

    /** A member changed state (by its own rules or by the group's). */
    void memberChanged(InstanceMachine member, VrrpState from, VrrpState to, long nowNanos) {
        if (applying) {
            return;
        }
        if (from == VrrpState.MASTER && to == VrrpState.BACKUP) {
            moveAll(VrrpState.MASTER, VrrpState.BACKUP, member, null, TransitionCause.SYNC_GROUP_BACKUP, nowNanos);
        } else if (to == VrrpState.FAULT) {
            moveAll(VrrpState.MASTER, VrrpState.FAULT, member, null, TransitionCause.SYNC_GROUP_FAULT, nowNanos);
            moveAll(VrrpState.BACKUP, VrrpState.FAULT, member, null, TransitionCause.SYNC_GROUP_FAULT, nowNanos);
        }
        updateGroupState(nowNanos);
    }

    /** A member's own fault cleared: leave FAULT together once no member, nor the group, has a fault. */
    void memberFaultCleared(long nowNanos) {
        if (tracking.demandsFault()) {
            return;
        }
        for (InstanceMachine m : members) {
            if (m.ownFault() && m.state() != VrrpState.INIT && m.state() != VrrpState.STOP) {
                return;
            }
        }
        applying = true;
        try {
            for (InstanceMachine m : members) {
                if (m.state() == VrrpState.FAULT) {
                    m.leaveFault(TransitionCause.SYNC_GROUP_CLEAR, nowNanos);
                }
            }
        } finally {
            applying = false;
        }
        updateGroupState(nowNanos);
    }

    /**
     * Moves every member in state {@code from} to {@code to}; {@code initiator} gets {@code initiatorCause}
     * (null: the initiator has already moved by itself).
     */
    private void moveAll(VrrpState from, VrrpState to, InstanceMachine initiator, TransitionCause initiatorCause,
                         TransitionCause othersCause, long nowNanos) {
        applying = true;
        try {
            for (InstanceMachine m : members) {
                if (m.state() != from) {
                    continue;
                }
                if (m != initiator) {
                    m.forceState(to, othersCause, nowNanos);
                } else if (initiatorCause != null) {
                    m.forceState(to, initiatorCause, nowNanos);
                }
            }
        } finally {
            applying = false;
        }
        updateGroupState(nowNanos);
    }

    private void updateGroupState(long nowNanos) {
        VrrpState next = derivedState();
        if (next != state) {
            VrrpState from = state;
            state = next;
            out.add(null, new StateChange(Transition.Subject.GROUP, name, from, next, 0,
                    TransitionCause.MEMBERS_CHANGED, nowNanos));
        }
    }

    private VrrpState derivedState() {
        boolean allMaster = true;
        boolean allInit = true;
        boolean allStop = true;
        for (InstanceMachine m : members) {
            VrrpState s = m.state();
            if (s == VrrpState.FAULT) {
                return VrrpState.FAULT;
            }
            allMaster &= s == VrrpState.MASTER;
            allInit &= s == VrrpState.INIT;
            allStop &= s == VrrpState.STOP;
        }
        if (allMaster) {
            return VrrpState.MASTER;
        }
        if (allInit) {
            return VrrpState.INIT;
        }
        return allStop ? VrrpState.STOP : VrrpState.BACKUP;
    }
}
