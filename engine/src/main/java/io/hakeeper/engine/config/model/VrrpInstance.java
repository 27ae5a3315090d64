package io.hakeeper.engine.config.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * {@code [vrrp_instance.NAME]}: one virtual router as configured.
 *
 * @param family     decided by the first VIP (else the first source or peer address, else IPv4)
 * @param tracked    the entries of each track_* key, by kind
 * @param version    2 or 3, resolved from global_defs and the family
 * @param advertInt  the advert interval
 * @param garp       the GARP timings, global ones overridden by the instance's
 */
public record VrrpInstance(String name, InitialState state, String interfaceName, boolean dontTrackPrimary,
                           Map<TrackKind, List<Tracked>> tracked, Optional<InetAddress> mcastSrcIp,
                           Optional<InetAddress> unicastSrcIp, List<InetAddress> unicastPeers,
                           boolean checkUnicastSrc, Family family, int version, int virtualRouterId, int priority,
                           Duration advertInt, Optional<Authentication> authentication,
                           List<VirtualAddress> virtualAddresses, List<VirtualAddress> excludedAddresses,
                           List<VirtualRoute> virtualRoutes, boolean nopreempt, Duration preemptDelay,
                           GarpTiming garp, NotifyCommands notifyCommands) {

    public VrrpInstance {
        tracked = Map.copyOf(tracked);
        unicastPeers = List.copyOf(unicastPeers);
        virtualAddresses = List.copyOf(virtualAddresses);
        excludedAddresses = List.copyOf(excludedAddresses);
        virtualRoutes = List.copyOf(virtualRoutes);
    }

    /** The entries of one track_* key; empty when not written. */
    public List<Tracked> tracked(TrackKind kind) {
        return tracked.getOrDefault(kind, List.of());
    }
}
