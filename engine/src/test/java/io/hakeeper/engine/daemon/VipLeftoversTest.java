package io.hakeeper.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;
import io.hakeeper.engine.config.model.GarpTiming;
import io.hakeeper.engine.config.model.VrrpInstance;

/**
 * At start the VIPs left on the host go, and only those: each interface is listed once, whatever the
 * number of instances on it (with 1,000 instances, trying every VIP cost thousands of `ip` runs). The
 * removals run in their instances' lanes, side by side, so their order across instances is not fixed.
 */
class VipLeftoversTest {

    /** What the backend was asked, in order; the host holds {@code held}. */
    private final List<String> calls = new ArrayList<>();
    private final List<VirtualAddress> held = new ArrayList<>();
    private boolean listingFails;

    private final VipBackend backend = new VipBackend() {
        @Override
        public synchronized void addAddress(String interfaceName, VirtualAddress address) {
            calls.add("add " + interfaceName + " " + address.cidr());
        }

        @Override
        public synchronized void removeAddress(String interfaceName, VirtualAddress address) {
            calls.add("remove " + interfaceName + " " + address.cidr());
        }

        @Override
        public synchronized List<VirtualAddress> listAddresses(String interfaceName) throws Exception {
            calls.add("list " + interfaceName);
            if (listingFails) {
                throw new java.io.IOException("no listing here");
            }
            return List.copyOf(held);
        }

        @Override
        public void addRoute(VirtualRoute route) {
        }

        @Override
        public void removeRoute(VirtualRoute route) {
        }
    };

    @Test
    void onlyTheVipsOnTheHostAreRemovedAndEachInterfaceIsListedOnce() throws Exception {
        Map<String, VrrpInstance> instances = new LinkedHashMap<>();
        for (int vrid = 1; vrid <= 100; vrid++) {
            instances.put("VI_" + vrid, instance("VI_" + vrid, vrid));
        }
        held.add(vip(7));
        held.add(vip(42));

        removeLeftovers(instances);

        assertEquals("list eth0", calls.get(0));
        assertEquals(List.of("remove eth0 192.0.2.42/24", "remove eth0 192.0.2.7/24"),
                calls.subList(1, calls.size()).stream().sorted().toList());
    }

    @Test
    void anInterfaceThatCannotBeListedHasEveryVipRemoved() throws Exception {
        listingFails = true;
        Map<String, VrrpInstance> instances = new LinkedHashMap<>();
        instances.put("VI_1", instance("VI_1", 1));
        instances.put("VI_2", instance("VI_2", 2));

        removeLeftovers(instances);

        assertEquals("list eth0", calls.get(0));
        assertEquals(List.of("remove eth0 192.0.2.1/24", "remove eth0 192.0.2.2/24"),
                calls.subList(1, calls.size()).stream().sorted().toList());
    }

    private void removeLeftovers(Map<String, VrrpInstance> instances) throws Exception {
        VipWork work = new VipWork(backend, getClass().getClassLoader(), "test");
        try {
            work.removeLeftovers(instances);
            work.drain(5_000);
        } finally {
            work.close();
        }
    }

    private static VirtualAddress vip(int vrid) {
        return instance("VI_" + vrid, vrid).virtualAddresses().get(0);
    }

    private static VrrpInstance instance(String name, int vrid) {
        return Instances.withVip(name, vrid, "192.0.2." + vrid, Duration.ofSeconds(1),
                new GarpTiming(Duration.ZERO, 1, Duration.ZERO, 1, Duration.ZERO, 1));
    }
}
