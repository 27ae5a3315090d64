package io.hakeeper.engine.vrrp;

import java.util.EnumMap;
import java.util.Map;

/**
 * One set of {@link VrrpCounter}s (an instance's, or an interface's for packets no instance owns), kept as
 * a plain {@code long[]} by ordinal so that counting a packet allocates nothing. Owned by the event loop:
 * read it there too.
 */
public final class VrrpCounters {

    private static final VrrpCounter[] COUNTERS = VrrpCounter.values();

    private final long[] counts = new long[COUNTERS.length];

    public void increment(VrrpCounter counter) {
        counts[counter.ordinal()]++;
    }

    public long get(VrrpCounter counter) {
        return counts[counter.ordinal()];
    }

    /** A copy of every counter, for {@code ha-admin stats}. */
    public Map<VrrpCounter, Long> snapshot() {
        Map<VrrpCounter, Long> snapshot = new EnumMap<>(VrrpCounter.class);
        for (VrrpCounter counter : COUNTERS) {
            snapshot.put(counter, counts[counter.ordinal()]);
        }
        return snapshot;
    }
}
