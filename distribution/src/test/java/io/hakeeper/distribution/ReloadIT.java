package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.LabNode;

/**
 * A reload of a file that did not change in substance (a comment added at the top moves every line) leaves
 * everything running as it was, also when the instance has authentication and tracks a check and a file,
 * whose tables go to plugins: the reload is done instance by instance, the instance is unchanged, and its
 * VIP is there in every 10 ms sample. A changed check is a change, and restarts.
 */
class ReloadIT {

    private static final String VIP = "192.0.2.77";
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private static String config(LabNode node, Path socket, Path flag, String checkInterval) {
        return """
                [global_defs]
                router_id = "%s"
                control_socket = "%s"
                vrrp_garp_master_delay = 0

                [vrrp_script.chk_true]
                script = "/bin/true"
                interval = %s

                [vrrp_track_file.drain]
                file = "%s"
                weight = -10

                [vrrp_instance.VI_1]
                interface = "eth0"
                version = 2
                virtual_router_id = 77
                priority = 150
                advert_int = 1
                authentication = { auth_type = "PASS", auth_pass = "s3cret" }
                track_script = ["chk_true"]
                track_file = ["drain"]
                virtual_ipaddress = ["%s/24"]
                """.formatted(node.name(), socket, checkInterval, flag, VIP);
    }

    @Test
    void anUnchangedInstanceWithPluginTablesKeepsRunningThroughAReload() throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor();
        try (Segment segment = Segment.create("ReloadIT", 1)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-reload-" + node.namespace() + ".sock");
            Path flag = Files.writeString(segment.lab().workDir().resolve("drain"), "0\n");
            Path file = segment.lab().workDir().resolve("hakeeper.toml");
            String written = config(node, socket, flag, "1");
            Files.writeString(file, written);
            Hakeeperd daemon = segment.start(node, file, "--control-socket", socket.toString());
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(node, VIP, SETTLE);
            ControlIT.Admin admin = new ControlIT.Admin(segment.tree(), socket);

            int transitions = daemon.transitions();
            Files.writeString(file, "# reviewed, nothing to change\n\n" + written);
            CompletableFuture<List<String>> samples = segment.sampleVip(node, VIP, 100, io);
            Hakeeperd.sleep(300);
            Map<String, Object> reload = ControlIT.map(admin.json("reload").get("result"));
            List<String> present = samples.get(30, TimeUnit.SECONDS);
            assertEquals("instances", reload.get("mode"), reload::toString);
            assertEquals(List.of("VI_1"), reload.get("unchanged"), reload::toString);
            assertTrue(present.stream().allMatch("1"::equals), "the VIP blinked during the reload: " + present);
            assertEquals("MASTER", daemon.state("VI_1"), daemon::log);
            assertEquals(transitions, daemon.transitions(), "a transition during the reload:\n" + daemon.log());

            // a check that changes is a change: the daemon restarts (a vrrp_script is shared by instances)
            Files.writeString(file, config(node, socket, flag, "2"));
            Map<String, Object> changed = ControlIT.map(admin.json("reload").get("result"));
            assertEquals("restart", changed.get("mode"), changed::toString);
            daemon.awaitState("VI_1", "MASTER", SETTLE);
        } finally {
            io.shutdownNow();
        }
    }
}
