package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.control.Json;
import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.Tshark;

/**
 * A valid configuration that fails only when the daemon starts it is refused like a broken file: the
 * answer names the cause, the daemon logs it, and the configuration running keeps running, VIPs, adverts,
 * control socket and all. Whether the reload restarts the whole daemon (a VIP backend that throws when made)
 * or goes instance by instance (an auth plugin that throws for the second instance made).
 */
class ReloadFailureIT {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    @TempDir
    Path work;
    private Path tree;

    @BeforeEach
    void treeWithTheFailingPlugin() throws Exception {
        tree = Tree.copyTo(work);
        FailingPlugin.installIn(tree);
    }

    private static String globals(LabNode node, Path socket, String extra) {
        return """
                [global_defs]
                router_id = "%s"
                control_socket = "%s"
                vrrp_garp_master_delay = 0
                %s
                """.formatted(node.name(), socket, extra);
    }

    private static String instance(String name, int vrid, int priority, String vip, String extra) {
        return """

                [vrrp_instance.%s]
                interface = "eth0"
                virtual_router_id = %d
                priority = %d
                virtual_ipaddress = ["%s/24"]
                %s
                """.formatted(name, vrid, priority, vip, extra);
    }

    @Test
    void aRestartWhoseVipBackendThrowsIsRefusedAndTheMasterCarriesOn() throws Exception {
        String vip = "192.0.2.61";
        try (Segment segment = Segment.create("ReloadFailureIT-restart", 1, tree)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-reload-failure-" + node.namespace() + ".sock");
            Path file = segment.lab().workDir().resolve("hakeeper.toml");
            String vi1 = instance("VI_1", 61, 150, vip, "version = 3\nadvert_int = 0.5");
            Files.writeString(file, globals(node, socket, "") + vi1);
            Hakeeperd daemon = segment.start(node, file);
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(node, vip, SETTLE);
            ControlIT.Admin admin = new ControlIT.Admin(segment.tree(), socket);

            // global_defs changed: a whole restart, whose VIP backend throws when made
            Files.writeString(file, globals(node, socket, "vip_backend = \"exploding\"") + vi1);
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Command.Result refused = admin.run("reload");
            Hakeeperd.sleep(2500);
            Path pcap = capture.stop();
            String ours = "vrrp && vrrp.virt_rtr_id == 61 && ip.src == " + node.ipv4().getHostAddress();
            assertEquals(0, Tshark.count(pcap, ours + " && vrrp.prio == 0"), "the master resigned: " + pcap);
            assertTrue(segment.holds(node, vip), "the VIP went with the refused reload\n" + daemon.log());
            int adverts = Tshark.count(pcap, ours + " && vrrp.prio == 150");
            assertTrue(adverts >= 4, "the master sent " + adverts + " adverts in 2.5 s after the refused reload; "
                    + pcap + "\n" + daemon.log());
            segment.assertClientReaches(vip);
            assertEquals("MASTER", instanceState(admin, "VI_1"));

            assertNotEquals(0, refused.exitCode(), refused::toString);
            Map<String, Object> error = ControlIT.map(Json.parseObject(refused.stdout().strip()).get("error"));
            assertEquals("config_invalid", error.get("code"), refused::toString);
            assertTrue(error.get("message").toString().contains("VIP backend \"exploding\" of plugin failing failed"
                    + " to start") && error.get("message").toString().contains("no such device /dev/vips"),
                    refused::toString);
            assertTrue(daemon.log().contains("reload refused"), daemon::log);

            // a restart that fails late (an instance's auth plugin, once the VIP backend, announcer, notifiers,
            // sockets and link watch are made) leaves none of them behind, however often it is tried
            Map<String, Long> threadsBefore = threads(daemon);
            Files.writeString(file, globals(node, socket, "vrrp_garp_master_refresh = 30") + vi1 + instance("VI_2", 62,
                    150, "192.0.2.62", "version = 2\nauthentication = { auth_type = \"FAILSTART\", auth_pass = \"x\" }"));
            for (int i = 0; i < 3; i++) {
                Command.Result late = admin.run("reload");
                assertTrue(late.exitCode() != 0 && late.stdout().contains("key store unreadable"), late::toString);
            }
            awaitNoMoreThreadsThan(threadsBefore, daemon);
            assertTrue(segment.holds(node, vip), "the VIP went with a refused reload\n" + daemon.log());
            assertEquals("MASTER", instanceState(admin, "VI_1"));

            // a good reload afterwards restarts as it should
            Files.writeString(file, globals(node, socket, "vrrp_garp_master_refresh = 60") + vi1);
            Map<String, Object> restarted = ControlIT.map(admin.json("reload").get("result"));
            assertEquals("restart", restarted.get("mode"), restarted::toString);
            awaitInstanceState(admin, "VI_1", "MASTER");
            segment.awaitVipOnlyOn(node, vip, SETTLE);
            segment.assertClientReaches(vip);
        }
    }

    @Test
    void anIncrementalReloadThatFailsHalfWayLeavesEveryInstanceAsItWas() throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor();
        String vip = "192.0.2.71";
        try (Segment segment = Segment.create("ReloadFailureIT-incremental", 1, tree)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-reload-failure-" + node.namespace() + ".sock");
            Path file = segment.lab().workDir().resolve("hakeeper.toml");
            String pass = "version = 2\nadvert_int = 1\nauthentication = { auth_type = \"PASS\", auth_pass = \"s3cret\" }";
            String vi2 = instance("VI_2", 72, 150, "192.0.2.72", "");
            Files.writeString(file, globals(node, socket, "") + instance("VI_1", 71, 150, vip, pass) + vi2);
            Hakeeperd daemon = segment.start(node, file);
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            daemon.awaitState("VI_2", "MASTER", SETTLE);
            segment.awaitVipOnlyOn(node, vip, SETTLE);
            ControlIT.Admin admin = new ControlIT.Admin(segment.tree(), socket);
            int transitions = daemon.transitions();

            // VI_1 changes (made first, fine), VI_3 is added and its auth plugin throws when made
            String changedVi1 = instance("VI_1", 71, 160, vip, pass);
            Files.writeString(file, globals(node, socket, "") + changedVi1 + vi2 + instance("VI_3", 73, 150,
                    "192.0.2.73", "version = 2\nauthentication = { auth_type = \"FAILSTART\", auth_pass = \"x\" }"));
            CompletableFuture<List<String>> samples = segment.sampleVip(node, vip, 150, io);
            Hakeeperd.sleep(300);
            Command.Result refused = admin.run("reload");
            List<String> present = samples.get(30, TimeUnit.SECONDS);
            assertTrue(present.stream().allMatch("1"::equals), "VI_1's VIP blinked: " + present);
            assertEquals(transitions, daemon.transitions(), "a transition during the refused reload:\n" + daemon.log());
            Map<String, Object> vi1 = instanceStatus(admin, "VI_1");
            assertEquals("MASTER", vi1.get("state"), vi1::toString);
            assertEquals(150, ((Number) vi1.get("priority")).intValue(), "the old VI_1 runs on: " + vi1);
            assertEquals(List.of("VI_1", "VI_2"), instanceNames(admin));

            assertNotEquals(0, refused.exitCode(), refused::toString);
            Map<String, Object> error = ControlIT.map(Json.parseObject(refused.stdout().strip()).get("error"));
            assertEquals("config_invalid", error.get("code"), refused::toString);
            assertTrue(error.get("message").toString().contains("VI_3") && error.get("message").toString()
                    .contains("key store unreadable"), refused::toString);
            assertTrue(daemon.log().contains("reload refused"), daemon::log);

            // the same change without the failing instance goes through
            Files.writeString(file, globals(node, socket, "") + changedVi1 + vi2);
            Map<String, Object> applied = ControlIT.map(admin.json("reload").get("result"));
            assertEquals("instances", applied.get("mode"), applied::toString);
            assertEquals(List.of("VI_1"), applied.get("changed"), applied::toString);
            awaitInstanceState(admin, "VI_1", "MASTER");
            assertEquals(160, ((Number) instanceStatus(admin, "VI_1").get("priority")).intValue());
        } finally {
            io.shutdownNow();
        }
    }

    /** The daemon's threads named by hakeeper, by name as the kernel keeps it (15 characters), counted. */
    private static Map<String, Long> threads(Hakeeperd daemon) throws IOException {
        Path tasks = Path.of("/proc/" + daemon.process().process().pid() + "/task");
        Map<String, Long> named = new TreeMap<>();
        try (Stream<Path> each = Files.list(tasks)) {
            for (Path task : each.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (name.startsWith("hakeeper-")) {
                        named.merge(name, 1L, Long::sum);
                    }
                } catch (NoSuchFileException ended) {
                    // a thread that ended while we looked
                }
            }
        }
        return named;
    }

    /** Waits (a closed pool's threads end a moment later) until no name has more threads than before. */
    private static void awaitNoMoreThreadsThan(Map<String, Long> before, Hakeeperd daemon) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Map<String, Long> now = threads(daemon);
            boolean more = now.entrySet().stream().anyMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L));
            if (!more) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("threads left behind by failed starts: before " + before + ", now " + now);
            }
            Hakeeperd.sleep(100);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> instances(ControlIT.Admin admin) {
        return (List<Map<String, Object>>) ControlIT.map(admin.json("status").get("result")).get("instances");
    }

    private static Map<String, Object> instanceStatus(ControlIT.Admin admin, String name) {
        return instances(admin).stream().filter(i -> name.equals(i.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + instances(admin)));
    }

    private static String instanceState(ControlIT.Admin admin, String name) {
        return instanceStatus(admin, name).get("state").toString();
    }

    private static List<String> instanceNames(ControlIT.Admin admin) {
        return instances(admin).stream().map(i -> i.get("name").toString()).toList();
    }

    private static void awaitInstanceState(ControlIT.Admin admin, String name, String state) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!instanceState(admin, name).equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not " + state + " within " + SETTLE + ": " + instances(admin));
            }
            Hakeeperd.sleep(100);
        }
    }
}
