package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.NetworkInterface;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** The one-listing snapshot answers as the per-name look-up does, for every interface of this host. */
class HostInterfacesTest {

    @Test
    void snapshotKnowsEveryInterfaceThatExistsAndNoOther() throws Exception {
        Predicate<String> snapshot = HostInterfaces.snapshot();
        List<String> names = NetworkInterface.networkInterfaces().map(NetworkInterface::getName).toList();

        for (String name : names) {
            assertEquals(HostInterfaces.exists(name), snapshot.test(name), name);
        }
        // 15 characters, the longest name Linux allows, and one no host gives an interface
        assertFalse(snapshot.test("hk-no-such-nic0"));
        assertEquals(HostInterfaces.exists("hk-no-such-nic0"), snapshot.test("hk-no-such-nic0"));
    }
}
