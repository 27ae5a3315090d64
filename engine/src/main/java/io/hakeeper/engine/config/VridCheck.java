package io.hakeeper.engine.config;

import java.util.HashMap;
import java.util.Map;

import io.hakeeper.api.SourcePosition;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.config.model.VrrpInstance;

/**
 * Two instances with the same VRID and family on one interface would answer each other's adverts as one
 * virtual router: refused. (The same VRID on another interface, or in the other family, is a different
 * virtual router.)
 */
final class VridCheck {

    private record Slot(String interfaceName, Family family, int vrid) {
    }

    private final Map<Slot, String> taken = new HashMap<>();

    void add(VrrpInstance instance, String path, SourcePosition position, ProblemLog log) {
        Slot slot = new Slot(instance.interfaceName(), instance.family(), instance.virtualRouterId());
        String holder = taken.putIfAbsent(slot, instance.name());
        if (holder != null) {
            log.error(position, path, "expected a virtual_router_id not used by another " + instance.family()
                    + " instance on " + instance.interfaceName() + ", got " + instance.virtualRouterId()
                    + " which vrrp_instance." + holder + " uses");
        }
    }
}
