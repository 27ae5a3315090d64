package io.hakeeper.plugin.vipiproute2;

/** The iproute2 backend against the real kernel: {@code ip -n NS} for every call. */
class IpRoute2BackendNamespaceTest extends VipBackendNamespaceTest {

    @Override
    TestNamespace.Kind kind() {
        return TestNamespace.Kind.IPROUTE2;
    }

    @Override
    String missingDeviceWording() {
        return "exited with status";
    }
}
