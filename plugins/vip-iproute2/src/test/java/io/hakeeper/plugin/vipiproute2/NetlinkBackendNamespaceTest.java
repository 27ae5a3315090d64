package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VipBackend;

/**
 * The netlink backend against the real kernel: its socket opened inside the test's namespace, its routes
 * through {@code ip -n NS}; the shared cases, and what only a socket can get wrong.
 */
class NetlinkBackendNamespaceTest extends VipBackendNamespaceTest {

    @Override
    TestNamespace.Kind kind() {
        return TestNamespace.Kind.NETLINK;
    }

    @Override
    String missingDeviceWording() {
        return "No such device";
    }

    @Test
    void aClosedSocketIsOpenedAgainOnTheNextCall() throws Exception {
        try (TestNamespace ns = TestNamespace.create(kind())) {
            VipBackend backend = ns.backend();
            backend.addAddress(TestNamespace.A, vip("192.0.2.50", 24, null, null, null, null));
            backend.close();

            backend.removeAddress(TestNamespace.A, vip("192.0.2.50", 24, null, null, null, null));

            assertFalse(ns.ip("addr", "show", "dev", TestNamespace.A).contains("192.0.2.50/24"));
        }
    }
}
