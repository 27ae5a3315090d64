package io.hakeeper.engine.vrrp.sim;

/**
 * How the simulated LAN treats each advert: a fixed delay plus a uniformly random jitter, and a probability
 * of losing it.
 */
public record NetworkConditions(long delayNanos, long jitterNanos, double lossProbability) {

    /** 1 ms on the wire, no jitter, no loss. */
    public static final NetworkConditions CLEAN = new NetworkConditions(1_000_000L, 0, 0);

    public NetworkConditions {
        if (delayNanos < 0 || jitterNanos < 0 || lossProbability < 0 || lossProbability > 1) {
            throw new IllegalArgumentException("bad network conditions");
        }
    }

    /** The longest an advert that arrives can take. */
    public long maxDelayNanos() {
        return delayNanos + jitterNanos;
    }
}
