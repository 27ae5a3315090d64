package io.hakeeper.engine.config;

import java.util.List;

/**
 * {@code vrrp_strict}: the rules keepalived enforces for strict RFC compliance that a configuration can
 * show. The others (IPv6 only with VRRPv3, a link-local first IPv6 VIP) hakeeper enforces always.
 */
final class StrictModeCheck {

    private static final List<KeySpec> FORBIDDEN = List.of(InstanceSchema.UNICAST_PEER,
            InstanceSchema.AUTHENTICATION, InstanceSchema.PREEMPT_DELAY);

    private StrictModeCheck() {
    }

    static void check(SectionReader instance) {
        for (KeySpec key : FORBIDDEN) {
            if (instance.has(key)) {
                instance.error(key, "expected no " + key.name() + " with global_defs.vrrp_strict = true"
                        + " (RFC 3768/5798 have no such thing)");
            }
        }
        if (!instance.has(InstanceSchema.VIRTUAL_IPADDRESS)) {
            instance.log().error(instance.settings().position(), instance.settings().pathOf(
                    InstanceSchema.VIRTUAL_IPADDRESS.name()), "expected at least one virtual_ipaddress with"
                    + " global_defs.vrrp_strict = true");
        }
    }
}
