package io.hakeeper.engine.config.model;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * keepalived's process keywords for its VRRP process ({@code vrrp_rt_priority}, {@code vrrp_rlimit_rttime},
 * {@code vrrp_priority}, {@code vrrp_no_swap}, {@code vrrp_cpu_affinity}), as the operator wrote them.
 *
 * @param realtimePriority SCHED_RR priority, 1 to 99; empty: normal scheduling
 * @param rlimitRttime     RLIMIT_RTTIME in microseconds as written; empty: {@link #DEFAULT_RLIMIT_RTTIME}
 * @param nice             nice level, -20 to 19, used only without a realtime priority (as keepalived)
 * @param noSwap           lock the process in memory
 * @param cpus             the CPUs the daemon may run on, ascending, no duplicates; empty: any
 */
public record ProcessPriorities(OptionalInt realtimePriority, OptionalLong rlimitRttime, OptionalInt nice,
                               boolean noSwap, List<Integer> cpus) {

    /** Nothing asked: the daemon runs as the system started it. */
    public static final ProcessPriorities NONE = new ProcessPriorities(OptionalInt.empty(), OptionalLong.empty(),
            OptionalInt.empty(), false, List.of());

    /**
     * hakeeper's RLIMIT_RTTIME when vrrp_rt_priority is set without vrrp_rlimit_rttime: 0.1 s, where keepalived
     * takes 10 ms. The JVM's VM thread runs at the realtime priority too, and a full garbage collection runs
     * on it without blocking: 7 ms with one instance here, more with a larger heap, so keepalived's default
     * would let the kernel kill a healthy daemon.
     */
    public static final long DEFAULT_RLIMIT_RTTIME = 100_000;

    public ProcessPriorities {
        cpus = List.copyOf(cpus);
    }

    /** The RLIMIT_RTTIME to set along with the realtime priority, in microseconds. */
    public long effectiveRlimitRttime() {
        return rlimitRttime.orElse(DEFAULT_RLIMIT_RTTIME);
    }
}
