package io.hakeeper.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/** The benchmark's hakeeper configurations: the VIP backend written only when the setup names one. */
class RouterConfigTest {

    @Test
    void aSetupWithTheIproute2BackendWritesItIntoGlobalDefs() {
        TomlParseResult toml = Toml.parse(Router.HAKEEPER.config(
                new TrialSetup(Router.HAKEEPER, 3, "0.1", "iproute2"), "node1", 150));

        assertFalse(toml.hasErrors(), () -> toml.errors().toString());
        assertEquals("iproute2", toml.getString("global_defs.vip_backend"));
        assertEquals("node1", toml.getString("global_defs.router_id"));
        assertEquals(List.of("hakeeper VRRPv3 advert_int 0.1 iproute2"),
                Benchmark.selected("iproute2").stream().map(TrialSetup::label).toList());
    }

    @Test
    void theDefaultBackendIsNotWritten() {
        TomlParseResult toml = Toml.parse(Router.HAKEEPER.config(TrialSetup.DEMO, "node1", 150));

        assertFalse(toml.hasErrors(), () -> toml.errors().toString());
        assertNull(toml.getString("global_defs.vip_backend"));
        assertEquals(3, Benchmark.selected("advert_int 0.1").size(), "hakeeper, hakeeper iproute2, keepalived");
    }
}
