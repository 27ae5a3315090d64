package io.hakeeper.engine.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * One virtual router of the chaos soak, run by all four lab routers: its instance name, VRID, version,
 * advert interval, VIPs, the address the client pings, and each router's priority (node1..node4).
 *
 * @param pinged       the VIP the client pings, written as tcpdump and ping print it
 * @param authPass     a PASS password for VRRPv2, or empty
 * @param priorities   node1's to node4's, all different, so that exactly one router is the rightful master
 */
record SoakVirtualRouter(String instance, int vrid, int version, String advertInt, boolean ipv6, List<String> vips,
        String pinged, String authPass, List<Integer> priorities) {

    /** What the soak runs: IPv4 VRRPv3 at 0.1 s, IPv4 VRRPv2 at 1 s with PASS, IPv6 VRRPv3 at 0.1 s. */
    static final List<SoakVirtualRouter> ALL = List.of(
            new SoakVirtualRouter("VI_A", 51, 3, "0.1", false, List.of("192.0.2.51/24"), "192.0.2.51", "",
                    List.of(150, 130, 100, 120)),
            new SoakVirtualRouter("VI_B", 52, 2, "1", false, List.of("192.0.2.52/24"), "192.0.2.52", "soak52",
                    List.of(120, 110, 100, 150)),
            new SoakVirtualRouter("VI_C", 53, 3, "0.1", true, List.of("fe80::53:1/64", "2001:db8::53/64"),
                    "2001:db8::53", "", List.of(150, 100, 130, 120)));

    Duration advertInterval() {
        return Duration.ofNanos(new BigDecimal(advertInt).movePointRight(9).longValueExact());
    }

    /**
     * The longest Master_Down_Interval of any of its routers: that of the lowest priority, whose skew is
     * the largest. Any backup may be the one that has to take over, so this is the bound the soak allows.
     */
    Duration masterDownInterval() {
        int lowest = priorities.stream().mapToInt(Integer::intValue).min().orElseThrow();
        long interval = advertInterval().toNanos();
        return Duration.ofNanos(3 * interval + (256 - lowest) * interval / 256);
    }

    /** After a fault heals, one master must be settled this soon: Master_Down_Interval + 100 ms. */
    Duration settleBound() {
        return masterDownInterval().plusMillis(100);
    }

    /** The index (0 = node1) of the router with the highest priority: the master when all are well. */
    int rightfulMaster() {
        int best = 0;
        for (int i = 1; i < priorities.size(); i++) {
            if (priorities.get(i) > priorities.get(best)) {
                best = i;
            }
        }
        return best;
    }

    String label() {
        return instance + " (VRRPv" + version + (ipv6 ? " IPv6" : " IPv4") + ", vrid " + vrid + ", " + advertInt + " s"
                + (authPass.isEmpty() ? "" : ", PASS") + ")";
    }
}
