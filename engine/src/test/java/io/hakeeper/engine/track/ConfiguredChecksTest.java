package io.hakeeper.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.engine.config.ConfigParser;
import io.hakeeper.engine.config.ValidationReport;
import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.plugin.TypeRegistry;

class ConfiguredChecksTest {

    private static final String CONFIG = """
            [vrrp_script.chk_web]
            script = "/bin/true"
            interval = 2
            timeout = 0.5
            rise = 3
            fall = 4
            init_fail = true

            [vrrp_script.unused]
            script = "/bin/false"

            [vrrp_track_file.maint]
            file = "/run/maint"

            [vrrp_track_process.haproxy]
            process = "haproxy"
            delay = 1.5

            [vrrp_instance.VI_1]
            interface = "eth0"
            virtual_router_id = 51
            priority = 100
            virtual_ipaddress = ["192.0.2.1/24"]
            track_script = ["chk_web"]
            track_file = ["maint"]
            track_process = ["haproxy"]
            """;

    /** Remembers the settings each check was made from. */
    private static final class Recording implements CheckFactory {
        private final String type;
        final List<Settings> made = new ArrayList<>();

        Recording(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Set<String> settingKeys() {
            return Set.of("file");
        }

        @Override
        public Check create(Settings settings, Duration timeout, PluginContext context) {
            made.add(settings);
            return CheckResult::up;
        }
    }

    private final Recording script = new Recording("script");
    private final Recording file = new Recording("file");

    private ConfiguredChecks create() {
        TypeRegistry.Builder builder = TypeRegistry.builder();
        builder.register(CheckFactory.class, "checks", script, getClass().getClassLoader());
        builder.register(CheckFactory.class, "checks", file, getClass().getClassLoader());
        TypeRegistry registry = builder.build();
        ValidationReport report = ConfigParser.parse(CONFIG, "test.toml", Path.of("/etc/hakeeper"))
                .validate(registry, name -> true);
        HakeeperConfig config = report.config().orElseThrow(() -> new AssertionError(report.problems()));
        script.made.clear();
        return ConfiguredChecks.create(config, registry, "lb1", Path.of("/etc/hakeeper"));
    }

    @Test
    void onlyTrackedChecksAreMadeEachThroughItsTypeWithItsSchedule() {
        ConfiguredChecks checks = create();
        List<RunnableCheck> made = checks.checks();
        assertEquals(List.of("chk_web", "maint"), made.stream().map(RunnableCheck::name).toList());
        assertEquals(new CheckSchedule(Duration.ofSeconds(2), Duration.ofMillis(500), 3, 4, true, Duration.ZERO),
                made.get(0).schedule());
        assertEquals(TrackKind.FILE, made.get(1).kind());
        assertEquals("checks", made.get(1).pluginId());
        assertEquals(1, script.made.size(), "the untracked script is not made");
        assertEquals("vrrp_track_file.maint", file.made.get(0).path());
    }

    @Test
    void aTrackerTypeNoPluginProvidesIsAProblem() {
        List<String> problems = create().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("vrrp_track_process.haproxy: no check type process is provided"),
                problems.get(0));
    }
}
