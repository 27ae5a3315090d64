package io.hakeeper.engine.vrrp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.hakeeper.engine.config.model.InitialState;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.config.model.VrrpInstance;

/**
 * What the state machine needs of an instance's configuration, and nothing it learns at run time. Built
 * from the config model with {@link #from}, or directly by tests.
 *
 * @param version                    2 or 3
 * @param priority                   the configured (base) priority, 1–255; 255 is the address owner
 * @param advertIntervalCentiseconds this router's advert interval
 * @param nopreempt                  a backup accepts any master, whatever its priority
 * @param preemptDelayNanos          how long a backup keeps accepting a lower-priority master after
 *                                   starting or after last hearing a higher one; 0 for none
 * @param primaryAddress             the address this router sends adverts from, compared on a priority tie
 * @param dontTrackPrimary           the VRRP interface's link state does not cause FAULT
 * @param tracked                    the tracked items with their weights
 */
public record InstanceParameters(String name, int version, int virtualRouterId, int priority,
                                 int advertIntervalCentiseconds, boolean nopreempt, long preemptDelayNanos,
                                 byte[] primaryAddress, boolean dontTrackPrimary, List<TrackedItem> tracked) {

    /** The priority of the router that owns the virtual addresses. */
    public static final int OWNER_PRIORITY = 255;

    public InstanceParameters {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, not " + version);
        }
        if (priority < 1 || priority > OWNER_PRIORITY) {
            throw new IllegalArgumentException("priority must be 1–255, not " + priority);
        }
        if (advertIntervalCentiseconds < 1) {
            throw new IllegalArgumentException("advert interval must be positive");
        }
        primaryAddress = primaryAddress.clone();
        tracked = List.copyOf(tracked);
    }

    /**
     * Derives the parameters from the configuration. As keepalived, {@code state = "MASTER"} on a router that
     * does not own the addresses does not make it master: it only switches nopreempt and preempt_delay off.
     *
     * @param primaryAddress the address the instance's adverts are sent from, found on the interface
     */
    public static InstanceParameters from(VrrpInstance config, byte[] primaryAddress) {
        boolean masterWanted = config.state() == InitialState.MASTER && config.priority() < OWNER_PRIORITY;
        List<TrackedItem> tracked = new ArrayList<>();
        for (TrackKind kind : TrackKind.values()) {
            config.tracked(kind).forEach(t -> tracked.add(TrackedItem.of(kind, t)));
        }
        int intervalCentiseconds = (int) Math.max(1, config.advertInt().toMillis() / 10);
        return new InstanceParameters(config.name(), config.version(), config.virtualRouterId(), config.priority(),
                intervalCentiseconds, config.nopreempt() && !masterWanted,
                masterWanted ? 0 : config.preemptDelay().toNanos(), primaryAddress, config.dontTrackPrimary(),
                tracked);
    }

    /** Whether this router owns the virtual addresses (priority 255): master at once, never adjusted. */
    public boolean addressOwner() {
        return priority == OWNER_PRIORITY;
    }

    @Override
    public byte[] primaryAddress() {
        return primaryAddress.clone();
    }

    // A record compares arrays by identity; two parameter sets with the same address are the same.
    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceParameters p && name.equals(p.name) && version == p.version
                && virtualRouterId == p.virtualRouterId && priority == p.priority
                && advertIntervalCentiseconds == p.advertIntervalCentiseconds && nopreempt == p.nopreempt
                && preemptDelayNanos == p.preemptDelayNanos && Arrays.equals(primaryAddress, p.primaryAddress)
                && dontTrackPrimary == p.dontTrackPrimary && tracked.equals(p.tracked);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + 17 * virtualRouterId + Arrays.hashCode(primaryAddress);
    }

    @Override
    public String toString() {
        return "InstanceParameters[" + name + " v" + version + " vrid " + virtualRouterId + " priority " + priority
                + " interval " + advertIntervalCentiseconds + "cs" + (nopreempt ? " nopreempt" : "")
                + (preemptDelayNanos > 0 ? " preempt_delay " + preemptDelayNanos + "ns" : "")
                + " address " + Arrays.toString(primaryAddress) + " tracked " + tracked + "]";
    }
}
