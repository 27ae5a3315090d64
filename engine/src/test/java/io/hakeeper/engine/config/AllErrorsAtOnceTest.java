package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator fixes a file in one go: every problem of every section comes back from one validation. */
class AllErrorsAtOnceTest {

    @Test
    void everyMistakeInTheFileIsReportedInOneRunInFileOrder() {
        ValidationReport report = Configs.validate("""
                [vrrp_instance.VI_2]
                interface = "nosuch0"
                virtual_router_id = 0
                priority = 256
                [global_defs]
                vrrp_version = 4
                [vrrp_instance.VI_1]
                interface = "eth1"
                virtual_router_id = 51
                advert_int = 0.5
                track_script = ["missing"]
                """);
        assertEquals(List.of(
                "test.toml:2:1: warning: vrrp_instance.VI_2.interface: interface nosuch0 does not exist on this host"
                        + " (it may appear later)",
                "test.toml:3:1: vrrp_instance.VI_2.virtual_router_id: expected an integer from 1 to 255, got 0",
                "test.toml:4:1: vrrp_instance.VI_2.priority: expected an integer from 1 to 255, got 256",
                "test.toml:6:1: global_defs.vrrp_version: expected an integer from 2 to 3, got 4",
                "test.toml:10:1: vrrp_instance.VI_1.advert_int: expected whole seconds from 1 to 255 for VRRP"
                        + " version 2, got 0.5",
                "test.toml:11:17: vrrp_instance.VI_1.track_script[0]: expected the name of a [vrrp_script.NAME]"
                        + " table, got \"missing\"; no vrrp_script is defined"),
                Configs.messages(report));
        assertEquals(5, report.errors().size());
        assertEquals(1, report.warnings().size());
        assertFalse(report.ok());
        assertTrue(report.config().isEmpty(), "no model is handed out while there are errors");
    }

    @Test
    void thePluginDirectoryIsKnownBeforeValidation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hakeeper.toml");
        Files.writeString(file, "[global_defs]\nplugin_dir = \"/opt/hk/plugins\"\nbogus = 1\n");
        ParsedConfig parsed = ConfigParser.parse(file);
        assertEquals(Optional.of("/opt/hk/plugins"), parsed.pluginDir());
        assertEquals(List.of(), parsed.syntaxErrors());
        assertEquals(Optional.empty(), ConfigParser.parse("", "empty.toml", dir).pluginDir(),
                "absent means the distribution's plugins directory");
        ValidationReport report = parsed.validate(FakePlugins.all(), name -> true);
        assertEquals(List.of(file + ":3:1: global_defs.bogus: unknown key \"bogus\""), Configs.messages(report));
    }
}
