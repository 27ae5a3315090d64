package io.hakeeper.engine.vrrp.sim;

import java.util.ArrayList;
import java.util.List;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.TrackedItem;

/** Instance parameters for tests: VRRPv3, 1 s adverts, preemption on, unless a test says otherwise. */
public final class InstanceBuilder {

    private final int virtualRouterId;
    private final int priority;
    private final byte[] address;
    private int version = 3;
    private int intervalCentiseconds = 100;
    private boolean nopreempt;
    private long preemptDelayNanos;
    private boolean dontTrackPrimary;
    private final List<TrackedItem> tracked = new ArrayList<>();

    private InstanceBuilder(int virtualRouterId, int priority, byte[] address) {
        this.virtualRouterId = virtualRouterId;
        this.priority = priority;
        this.address = address;
    }

    /** An instance of VRID {@code vrid} on the router whose address is 10.0.0.{@code host}. */
    public static InstanceBuilder instance(int vrid, int priority, int host) {
        return new InstanceBuilder(vrid, priority, address(host));
    }

    public static byte[] address(int host) {
        return new byte[] {10, 0, 0, (byte) host};
    }

    public static String name(int vrid) {
        return "VI_" + vrid;
    }

    public InstanceBuilder version(int v) {
        this.version = v;
        return this;
    }

    public InstanceBuilder interval(int centiseconds) {
        this.intervalCentiseconds = centiseconds;
        return this;
    }

    public InstanceBuilder nopreempt() {
        this.nopreempt = true;
        return this;
    }

    public InstanceBuilder preemptDelay(long nanos) {
        this.preemptDelayNanos = nanos;
        return this;
    }

    public InstanceBuilder dontTrackPrimary() {
        this.dontTrackPrimary = true;
        return this;
    }

    public InstanceBuilder track(TrackKind kind, String itemName, int weight, boolean reverse) {
        tracked.add(new TrackedItem(kind, itemName, weight, reverse));
        return this;
    }

    public InstanceParameters build() {
        return new InstanceParameters(name(virtualRouterId), version, virtualRouterId, priority, intervalCentiseconds,
                nopreempt, preemptDelayNanos, address, dontTrackPrimary, tracked);
    }
}
