package io.hakeeper.engine.vrrp.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.SyncGroupMachine;
import io.hakeeper.engine.vrrp.TrackedItem;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * One simulated host: its instances (one per VRID), optionally all in one sync group, and the state of the
 * world around it (interface, tracked items) that survives a reboot. A reboot builds fresh machines, as a
 * restarted daemon would.
 */
public final class SimRouter {

    private final String name;
    private final int index;
    private final List<InstanceParameters> instances;
    private final String syncGroupName;
    private final List<TrackedItem> groupTracked;
    private final MachineDefect defect;

    final ActionBuffer out = new ActionBuffer();
    private final Map<Integer, InstanceMachine> machines = new LinkedHashMap<>();
    private SyncGroupMachine group;
    private boolean alive;
    private boolean interfaceUp = true;
    private final Map<String, TrackedStatus> trackedStatus = new HashMap<>();

    SimRouter(String name, int index, List<InstanceParameters> instances, String syncGroupName,
              List<TrackedItem> groupTracked, MachineDefect defect) {
        this.name = name;
        this.index = index;
        this.instances = List.copyOf(instances);
        this.syncGroupName = syncGroupName;
        this.groupTracked = List.copyOf(groupTracked);
        this.defect = defect;
    }

    public String name() {
        return name;
    }

    int index() {
        return index;
    }

    public MachineDefect defect() {
        return defect;
    }

    public boolean alive() {
        return alive;
    }

    public List<InstanceParameters> instances() {
        return instances;
    }

    /** The router's live machine for a VRID; null when dead or not configured. */
    public InstanceMachine machine(int virtualRouterId) {
        return alive ? machines.get(virtualRouterId) : null;
    }

    public VrrpState state(int virtualRouterId) {
        InstanceMachine m = machine(virtualRouterId);
        return m == null ? VrrpState.STOP : m.state();
    }

    public SyncGroupMachine group() {
        return alive ? group : null;
    }

    public boolean interfaceUp() {
        return interfaceUp;
    }

    /** The status last set for a tracked item (INITIALISING if never set). */
    public TrackedStatus trackedStatus(TrackKind kind, String itemName) {
        return trackedStatus.getOrDefault(kind + "/" + itemName, TrackedStatus.INITIALISING);
    }

    void boot(long nowNanos) {
        machines.clear();
        for (InstanceParameters p : instances) {
            machines.put(p.virtualRouterId(), new InstanceMachine(p, out));
        }
        group = syncGroupName == null ? null
                : new SyncGroupMachine(syncGroupName, new ArrayList<>(machines.values()), groupTracked, out);
        alive = true;
        for (TrackedItem item : groupTracked) {
            group.onTrackedChange(item.kind(), item.name(), trackedStatus(item.kind(), item.name()), nowNanos);
        }
        for (InstanceMachine m : machines.values()) {
            m.onInterfaceChange(interfaceUp, nowNanos);
            for (var item : m.parameters().tracked()) {
                TrackedStatus s = trackedStatus(item.kind(), item.name());
                m.onTrackedChange(item.kind(), item.name(), s, nowNanos);
            }
        }
        for (InstanceMachine m : machines.values()) {
            m.onStart(nowNanos);
        }
    }

    void kill() {
        alive = false;
        machines.clear();
        group = null;
        out.clear();
    }

    void setInterface(boolean up, long nowNanos) {
        interfaceUp = up;
        if (alive) {
            machines.values().forEach(m -> m.onInterfaceChange(up, nowNanos));
        }
    }

    void setTracked(TrackKind kind, String itemName, TrackedStatus status, long nowNanos) {
        trackedStatus.put(kind + "/" + itemName, status);
        if (alive) {
            machines.values().forEach(m -> m.onTrackedChange(kind, itemName, status, nowNanos));
            if (group != null) {
                group.onTrackedChange(kind, itemName, status, nowNanos);
            }
        }
    }

    Iterable<InstanceMachine> liveMachines() {
        return alive ? machines.values() : List.of();
    }

    @Override
    public String toString() {
        return name;
    }
}
