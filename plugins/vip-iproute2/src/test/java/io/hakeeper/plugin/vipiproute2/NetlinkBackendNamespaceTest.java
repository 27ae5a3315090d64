package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;

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
    void aVipThisBackendAddedIsRemovedWithoutReadingEveryAddressOfTheHost() throws Exception {
        try (TestNamespace ns = TestNamespace.create(kind())) {
            NetlinkBackend backend = (NetlinkBackend) ns.backend();
            for (int i = 1; i <= 20; i++) {
                backend.addAddress(TestNamespace.A, vip("192.0.2." + i, 24, null, null, null, null));
            }
            long dumpsBefore = backend.addressDumps();

            for (int i = 1; i <= 20; i++) {
                backend.removeAddress(TestNamespace.A, vip("192.0.2." + i, 24, null, null, null, null));
            }

            assertEquals(dumpsBefore, backend.addressDumps(), "a removal read every address of the host");
            String shown = ns.ip("-4", "addr", "show", "dev", TestNamespace.A);
            assertFalse(shown.contains("192.0.2."), shown);
        }
    }

    @Test
    void anAddressTheHostHeldIsStillAskedAboutAndKept() throws Exception {
        try (TestNamespace ns = TestNamespace.create(kind())) {
            ns.ip("addr", "add", "192.0.2.60/24", "dev", TestNamespace.A);
            NetlinkBackend backend = (NetlinkBackend) ns.backend();
            VirtualAddress owned = vip("192.0.2.60", 24, null, null, null, null);
            backend.addAddress(TestNamespace.A, owned); // EEXIST: the host's, not ours
            long dumpsBefore = backend.addressDumps();

            backend.removeAddress(TestNamespace.A, owned);

            assertEquals(dumpsBefore + 1, backend.addressDumps());
            assertTrue(ns.ip("-4", "addr", "show", "dev", TestNamespace.A).contains("192.0.2.60/24"));
        }
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

    @Test
    void anAddMadeReadyAheadLandsOnTheInterfaceEvenIfItWasMadeAgainSince() throws Exception {
        try (TestNamespace ns = TestNamespace.create(kind())) {
            NetlinkBackend backend = (NetlinkBackend) ns.backend();
            VirtualAddress ready = vip("192.0.2.70", 24, null, null, null, null);
            backend.addExpected(TestNamespace.A, ready);
            backend.addAddress(TestNamespace.A, ready);
            assertTrue(ns.ip("-4", "addr", "show", "dev", TestNamespace.A).contains("192.0.2.70/24"));
            backend.removeAddress(TestNamespace.A, ready);
            assertFalse(ns.ip("-4", "addr", "show", "dev", TestNamespace.A).contains("192.0.2.70/24"),
                    "an address added from a request made ready was not known as this backend's");

            // the interface goes and comes back under another index between the heads-up and the add
            VirtualAddress moved = vip("192.0.2.71", 24, null, null, null, null);
            backend.addExpected(TestNamespace.A, moved);
            ns.ip("link", "del", TestNamespace.A);
            ns.ip("link", "add", TestNamespace.A, "type", "veth", "peer", "name", TestNamespace.B);
            ns.ip("link", "set", TestNamespace.A, "up");
            backend.addAddress(TestNamespace.A, moved);
            assertTrue(ns.ip("-4", "addr", "show", "dev", TestNamespace.A).contains("192.0.2.71/24"),
                    "the add used the index of an interface that is gone");
        }
    }

    @Test
    void aRehearsedAddRunsAsFarAsTheKernelAndAddsNothing() throws Exception {
        try (TestNamespace ns = TestNamespace.create(kind())) {
            NetlinkBackend backend = (NetlinkBackend) ns.backend();
            String before = ns.ip("addr", "show");
            for (VirtualAddress vip : new VirtualAddress[] {vip("192.0.2.80", 24, null, null, null, null),
                    vip("2001:db8::80", 64, null, null, null, null)}) {
                backend.rehearseAdd(TestNamespace.A, vip); // the kernel's ENODEV is the rehearsal's success
            }
            assertEquals(before, ns.ip("addr", "show"), "a rehearsal changed the addresses");
            // and the backend still adds for real afterwards, on the same socket
            backend.addAddress(TestNamespace.A, vip("192.0.2.81", 24, null, null, null, null));
            assertTrue(ns.ip("-4", "addr", "show", "dev", TestNamespace.A).contains("192.0.2.81/24"));
        }
    }

    @Test
    void aRehearsalOnAnInterfaceThatIsNotThereFailsAsTheAddWould() throws Exception {
        try (TestNamespace ns = TestNamespace.create(kind())) {
            NetlinkBackend backend = (NetlinkBackend) ns.backend();
            Exception e = assertThrows(IOException.class,
                    () -> backend.rehearseAdd("nosuch0", vip("192.0.2.82", 24, null, null, null, null)));
            assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
        }
    }
}
