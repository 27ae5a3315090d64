package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.control.Json;
import io.hakeeper.engine.lab.LabNode;

/**
 * A daemon whose stderr nobody reads (a stalled journald, a pipe into a reader that hung) goes on electing:
 * 600 instances log about 115 KB as they start and take over, far more than a pipe holds (64 KiB), and every
 * one of them becomes master and stays answerable. Before stderr had a writer thread of its own, the event
 * loop blocked in the write of the first line past the pipe's capacity, with most instances not started.
 */
class BlockedStderrIT {

    private static final int INSTANCES = 600;
    private static final int LINKS = 3;
    /** Master_Down_Interval at advert_int 1 (3.4 s) and the start of 600 instances, with room. */
    private static final Duration ALL_MASTER = Duration.ofSeconds(30);

    @Test
    void aStderrNobodyReadsHoldsUpNoElection() throws Exception {
        try (Segment segment = Segment.create("BlockedStderrIT", 1)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-blocked-stderr-" + node.namespace() + ".sock");
            Path file = segment.lab().workDir().resolve("hakeeper.toml");
            // three links of the node's own (veth pairs inside its namespace): a VRID serves once per link
            for (int link = 0; link < LINKS; link++) {
                segment.lab().exec(node, "ip", "link", "add", "v" + link, "type", "veth", "peer", "name", "w" + link)
                        .orThrow();
                segment.lab().exec(node, "ip", "link", "set", "v" + link, "up").orThrow();
                segment.lab().exec(node, "ip", "link", "set", "w" + link, "up").orThrow();
                segment.lab().exec(node, "ip", "addr", "add", "198.18." + link + ".1/24", "dev", "v" + link).orThrow();
            }
            StringBuilder config = new StringBuilder("""
                    [global_defs]
                    router_id = "%s"
                    control_socket = "%s"
                    """.formatted(node.name(), socket));
            for (int i = 1; i <= INSTANCES; i++) {
                // no VIP: the lines are what this is about, not 600 addresses
                config.append("""

                        [vrrp_instance.VI_%d]
                        interface = "v%d"
                        version = 3
                        virtual_router_id = %d
                        priority = 150
                        advert_int = 1
                        """.formatted(i, i % LINKS, i / LINKS + 1));
            }
            Files.writeString(file, config);
            // stderr is a pipe this test never reads: once it holds 64 KiB, a write to it blocks for good
            Process daemon = new ProcessBuilder("ip", "netns", "exec", node.namespace(),
                    segment.tree().resolve("bin/hakeeperd").toString(), "-f", file.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                ControlIT.Admin admin = new ControlIT.Admin(segment.tree(), socket);
                long deadline = System.nanoTime() + ALL_MASTER.toNanos();
                long masters = 0;
                while (System.nanoTime() < deadline) {
                    masters = masters(admin);
                    if (masters == INSTANCES) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertEquals(INSTANCES, masters, "instances master " + ALL_MASTER.toSeconds()
                        + " s after start, with stderr unread (alive: " + daemon.isAlive() + ")");
                Map<String, Object> stats = ControlIT.map(admin.json("stats").get("result"));
                Number dropped = (Number) ControlIT.map(stats.get("loop")).get("log_lines_dropped");
                System.out.printf("BLOCKED-STDERR %d instances master with stderr unread; %d log lines dropped%n",
                        INSTANCES, dropped.longValue());
            } finally {
                daemon.destroy();
                // it resigns, then waits at most 2 s for stderr, which never moves, and exits all the same
                boolean stopped = daemon.waitFor(20, TimeUnit.SECONDS);
                if (!stopped) {
                    // not left running in a namespace the segment is about to delete
                    daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                assertTrue(stopped, "hakeeperd did not stop with its stderr blocked");
            }
        }
    }

    /** Instances in MASTER per the control socket; 0 while it does not answer (not up yet, or stuck). */
    private static long masters(ControlIT.Admin admin) {
        Command.Result result = admin.run("status");
        if (result.exitCode() != 0) {
            return 0;
        }
        Map<String, Object> status = ControlIT.map(Json.parseObject(result.stdout().strip())
                .get("result"));
        return ((List<?>) status.get("instances")).stream()
                .filter(instance -> "MASTER".equals(ControlIT.map(instance).get("state"))).count();
    }
}
