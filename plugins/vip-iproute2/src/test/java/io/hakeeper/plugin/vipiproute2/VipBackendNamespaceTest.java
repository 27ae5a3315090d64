package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * A backend against the real kernel, inside a namespace each test makes and always deletes. What the
 * backend did is read back with plain {@code ip}, not with the backend's own listing. Every backend of
 * this plugin must behave the same: each has a subclass that names its kind.
 */
abstract class VipBackendNamespaceTest {

    /** The backend under test. */
    abstract TestNamespace.Kind kind();

    /** Words the backend's failure to add to a missing device carries, besides the device's name. */
    abstract String missingDeviceWording();

    private TestNamespace namespace() throws IOException, InterruptedException {
        return TestNamespace.create(kind());
    }

    @BeforeEach
    void needsRootAndIp() {
        RealTool.requireRootAndIp();
    }

    @Test
    void ipv4VipWithBroadcastScopeAndLabelShowsInIpAddr() throws Exception {
        try (TestNamespace ns = namespace()) {
            ns.backend().addAddress(TestNamespace.A,
                    vip("192.0.2.10", 24, null, "192.0.2.255", "global", "va:1"));

            assertTrue(ns.ip("-4", "addr", "show", "dev", TestNamespace.A)
                    .contains("inet 192.0.2.10/24 brd 192.0.2.255 scope global va:1"), ns.ip("addr"));
        }
    }

    @Test
    void ipv4BroadcastPlusAndMinusAreComputedFromThePrefix() throws Exception {
        try (TestNamespace ns = namespace()) {
            ns.backend().addAddress(TestNamespace.A, vip("192.0.2.40", 26, null, "+", null, null));
            ns.backend().addAddress(TestNamespace.A, vip("192.0.2.70", 26, null, "-", "link", null));

            String shown = ns.ip("-4", "addr", "show", "dev", TestNamespace.A);
            assertTrue(shown.contains("inet 192.0.2.40/26 brd 192.0.2.63 scope global va"), shown);
            assertTrue(shown.contains("inet 192.0.2.70/26 brd 192.0.2.64 scope link va"), shown);
        }
    }

    @Test
    void addingAPresentAddressAndRemovingAnAbsentOneSucceed() throws Exception {
        try (TestNamespace ns = namespace()) {
            VipBackend backend = ns.backend();
            // as ip prints them: VirtualAddress.cidr() writes IPv6 uncompressed
            for (String cidr : List.of("192.0.2.11/24", "2001:db8::11/64")) {
                String[] parts = cidr.split("/");
                VirtualAddress address = vip(parts[0], Integer.parseInt(parts[1]), null, null, null, null);
                backend.addAddress(TestNamespace.A, address);
                backend.addAddress(TestNamespace.A, address);
                assertEquals(1, count(ns.ip("addr", "show", "dev", TestNamespace.A), cidr));

                backend.removeAddress(TestNamespace.A, address);
                backend.removeAddress(TestNamespace.A, address);
                assertEquals(0, count(ns.ip("addr", "show", "dev", TestNamespace.A), cidr));
            }
        }
    }

    @Test
    void anAddressTheHostHadBeforeIsNeverRemovedButOneABackendAddedIsEvenByAnotherBackend() throws Exception {
        try (TestNamespace ns = namespace()) {
            for (String cidr : List.of("192.0.2.12/24", "2001:db8::12/64")) {
                // the host's own address, as an address owner's VIP is: added by hand, then "added" by us
                ns.ip("addr", "add", cidr, "dev", TestNamespace.A, "nodad");
                String[] parts = cidr.split("/");
                VirtualAddress own = vip(parts[0], Integer.parseInt(parts[1]), null, null, null, null);
                ns.backend().addAddress(TestNamespace.A, own);
                ns.backend().removeAddress(TestNamespace.A, own);
                try (VipBackend restarted = ns.newBackend()) {
                    restarted.removeAddress(TestNamespace.A, own);
                }
                assertEquals(1, count(ns.ip("addr", "show", "dev", TestNamespace.A), cidr),
                        "the host's " + cidr + " was removed");
            }
            // a VIP of a daemon that was killed: a new backend (the next daemon's) removes it by its mark
            VirtualAddress leftover = vip("192.0.2.13", 24, null, null, null, null);
            ns.backend().addAddress(TestNamespace.A, leftover);
            try (VipBackend restarted = ns.newBackend()) {
                restarted.removeAddress(TestNamespace.A, leftover);
            }
            assertEquals(0, count(ns.ip("addr", "show", "dev", TestNamespace.A), "192.0.2.13/24"));
        }
    }

    @Test
    void ipv6VipIsUsableAtOnceBecauseItSkipsDuplicateAddressDetection() throws Exception {
        try (TestNamespace ns = namespace()) {
            ns.backend().addAddress(TestNamespace.A, vip("2001:db8::12", 64, null, null, null, null));

            String shown = ns.ip("-6", "addr", "show", "dev", TestNamespace.A, "to", "2001:db8::12/128");
            assertTrue(shown.contains("inet6 2001:db8::12/64"), shown);
            assertFalse(shown.contains("tentative"), shown);
            assertFalse(shown.contains("deprecated"), "a /64 VIP stays preferred: " + shown);
        }
    }

    @Test
    void ipv6HostVipIsDeprecatedSoThatTheHostDoesNotPickItAsSource() throws Exception {
        try (TestNamespace ns = namespace()) {
            ns.backend().addAddress(TestNamespace.A, vip("2001:db8::13", 128, null, null, null, null));

            String shown = ns.ip("-6", "addr", "show", "dev", TestNamespace.A, "to", "2001:db8::13/128");
            assertTrue(shown.contains("inet6 2001:db8::13/128"), shown);
            assertTrue(shown.contains("deprecated"), shown);
            assertFalse(shown.contains("tentative"), shown);
        }
    }

    @Test
    void anAddressNamingItsOwnDeviceGoesThere() throws Exception {
        try (TestNamespace ns = namespace()) {
            ns.backend().addAddress(TestNamespace.A, vip("192.0.2.14", 24, TestNamespace.B, null, null, null));

            assertTrue(ns.ip("addr", "show", "dev", TestNamespace.B).contains("192.0.2.14/24"));
            assertFalse(ns.ip("addr", "show", "dev", TestNamespace.A).contains("192.0.2.14/24"));
        }
    }

    @Test
    void listReturnsWhatIsThereWithPrefixBroadcastScopeAndLabel() throws Exception {
        try (TestNamespace ns = namespace()) {
            ns.ip("addr", "add", "192.0.2.20/24", "brd", "192.0.2.255", "dev", TestNamespace.A, "label", "va:vip");
            ns.ip("addr", "add", "192.0.2.21/25", "dev", TestNamespace.A);
            ns.ip("-6", "addr", "add", "2001:db8::20/64", "dev", TestNamespace.A, "nodad");

            List<VirtualAddress> listed = ns.backend().listAddresses(TestNamespace.A);

            VirtualAddress labelled = find(listed, "192.0.2.20");
            assertEquals(24, labelled.prefixLength());
            assertEquals(Optional.of("va:vip"), labelled.label());
            assertEquals(Optional.of("192.0.2.255"), labelled.broadcast());
            assertEquals(Optional.of("global"), labelled.scope());
            VirtualAddress plain = find(listed, "192.0.2.21");
            assertEquals(25, plain.prefixLength());
            assertEquals(Optional.empty(), plain.label(), "the interface's own name is no label");
            VirtualAddress v6 = find(listed, "2001:db8::20");
            assertEquals(64, v6.prefixLength());
            assertEquals(Optional.empty(), v6.label());
            assertTrue(listed.stream().noneMatch(a -> a.device().isPresent()));
        }
    }

    @Test
    void routesWithGatewayAndMetricAreAddedAndRemovedIdempotentlyInBothFamilies() throws Exception {
        try (TestNamespace ns = namespace()) {
            ns.ip("addr", "add", "192.0.2.10/24", "dev", TestNamespace.A);
            ns.ip("-6", "addr", "add", "2001:db8::10/64", "dev", TestNamespace.A, "nodad");
            VipBackend backend = ns.backend();
            VirtualRoute v4 = new VirtualRoute("192.0.2.128/26", List.of("via", "192.0.2.1", "dev", "va", "metric", "10"));
            VirtualRoute v6 = new VirtualRoute("2001:db8::100/120", List.of("via", "2001:db8::1", "dev", "va", "metric", "20"));
            VirtualRoute v6Default = new VirtualRoute("default", List.of("via", "2001:db8::1", "metric", "30"));

            for (VirtualRoute route : List.of(v4, v6, v6Default)) {
                backend.addRoute(route);
                backend.addRoute(route);
            }
            assertTrue(ns.ip("-4", "route", "show", "192.0.2.128/26").contains("via 192.0.2.1 dev va metric 10"),
                    ns.ip("-4", "route"));
            assertTrue(ns.ip("-6", "route", "show", "2001:db8::100/120").contains("via 2001:db8::1 dev va metric 20"),
                    ns.ip("-6", "route"));
            assertTrue(ns.ip("-6", "route", "show", "default").contains("via 2001:db8::1 dev va metric 30"),
                    ns.ip("-6", "route"));

            for (VirtualRoute route : List.of(v4, v6, v6Default)) {
                backend.removeRoute(route);
                backend.removeRoute(route);
            }
            assertEquals("", ns.ip("-4", "route", "show", "192.0.2.128/26").strip());
            assertEquals("", ns.ip("-6", "route", "show", "2001:db8::100/120").strip());
            assertEquals("", ns.ip("-6", "route", "show", "default").strip());
        }
    }

    @Test
    void aFailureCarriesTheDeviceAndTheToolsOrKernelsWords() throws Exception {
        try (TestNamespace ns = namespace()) {
            VipBackend backend = ns.backend();
            IOException add = assertThrows(IOException.class,
                    () -> backend.addAddress("nosuchdev", vip("192.0.2.30", 24, null, null, null, null)));
            assertTrue(add.getMessage().contains("nosuchdev"), add.getMessage());
            assertTrue(add.getMessage().contains(missingDeviceWording()), add.getMessage());

            IOException route = assertThrows(IOException.class, () -> backend.addRoute(
                    new VirtualRoute("192.0.2.128/26", List.of("via", "192.0.2.1", "dev", "nosuchdev"))));
            assertTrue(route.getMessage().contains("Cannot find device"), route.getMessage());
        }
    }

    static VirtualAddress vip(String address, int prefix, String device, String broadcast, String scope,
                                      String label) throws IOException {
        return new VirtualAddress(InetAddress.getByName(address), prefix, Optional.ofNullable(device),
                Optional.ofNullable(broadcast), Optional.ofNullable(scope), Optional.ofNullable(label));
    }

    private static VirtualAddress find(List<VirtualAddress> listed, String address) throws IOException {
        InetAddress wanted = InetAddress.getByName(address);
        return listed.stream().filter(a -> a.address().equals(wanted)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " not listed in " + listed));
    }

    private static int count(String text, String cidr) {
        return text.split(" " + java.util.regex.Pattern.quote(cidr) + " ", -1).length - 1;
    }
}
