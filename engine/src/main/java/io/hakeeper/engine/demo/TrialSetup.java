package io.hakeeper.engine.demo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * What one failover trial runs: which implementation, which VRRP version, which advertisement interval,
 * and for hakeeper which VIP backend.
 *
 * @param advertInt  seconds, as written in the configuration ({@code 1}, {@code 0.1})
 * @param vipBackend hakeeper's {@code global_defs.vip_backend}, empty for the default (not written)
 */
record TrialSetup(Router router, int version, String advertInt, String vipBackend) {

    static final TrialSetup DEMO = new TrialSetup(Router.HAKEEPER, 3, "0.1");

    /** With the router's default VIP backend. */
    TrialSetup(Router router, int version, String advertInt) {
        this(router, version, advertInt, "");
    }

    Duration advertInterval() {
        return Duration.ofNanos(new BigDecimal(advertInt).movePointRight(9).longValueExact());
    }

    /**
     * RFC 5798's Master_Down_Interval as the backup of {@code priority} computes it: three intervals plus
     * the {@link #skewTime skew}.
     */
    Duration masterDownInterval(int priority) {
        return advertInterval().multipliedBy(3).plus(skewTime(priority));
    }

    /**
     * The backup's Skew_Time: (256 - priority) / 256 of the interval in VRRPv3 (RFC 5798), of a second in
     * VRRPv2 (RFC 3768), whatever its interval.
     */
    Duration skewTime(int priority) {
        long unit = version == 2 ? Duration.ofSeconds(1).toNanos() : advertInterval().toNanos();
        return Duration.ofNanos((256 - priority) * unit / 256);
    }

    /**
     * When, after the master's crash, a backup of {@code priority} should take over: its master-down timer
     * was last restarted by the master's last advert, which left from zero to one interval before the
     * crash, so the takeover comes between Master_Down_Interval minus one interval and Master_Down_Interval.
     */
    String expectedTakeover(int priority) {
        long high = masterDownInterval(priority).toMillis();
        return (high - advertInterval().toMillis()) + "-" + high;
    }

    String label() {
        return router.displayName() + " VRRPv" + version + " advert_int " + advertInt
                + (vipBackend.isEmpty() ? "" : " " + vipBackend);
    }
}
