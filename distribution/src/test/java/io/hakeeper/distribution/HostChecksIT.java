package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.LabNode;

/**
 * What {@code hakeeperd --check} and the running daemon say about the host, inside a lab namespace: an
 * interface that exists without any address exists (one that is not there is still a warning), and a notify
 * command whose program is missing or not executable is a warning naming file, line and instance, and is
 * disabled at run time (never attempted), as keepalived disables it.
 */
class HostChecksIT {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    @Test
    void addresslessInterfacesExistAndBrokenNotifyProgramsAreWarnedAboutAndDisabled() throws Exception {
        try (Segment segment = Segment.create("HostChecksIT", 1)) {
            LabNode node = segment.node(1);
            // an interface with no address at all, IPv6 link-local included, and up (so VI_1 can track it)
            run(segment, node, "ip", "link", "add", "blank0", "type", "veth", "peer", "name", "blank1");
            for (String name : List.of("blank0", "blank1")) {
                run(segment, node, "sysctl", "-q", "-w", "net.ipv6.conf." + name + ".disable_ipv6=1");
                run(segment, node, "ip", "link", "set", name, "up");
            }
            Path dir = segment.lab().workDir();
            Path plain = Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
            Path socket = Path.of("/tmp/hk-hostchecks-" + node.namespace() + ".sock");
            Path file = Files.writeString(dir.resolve("hostchecks.toml"), """
                    [global_defs]
                    router_id = "%s"
                    control_socket = "%s"
                    vrrp_garp_master_delay = 0

                    [vrrp_instance.VI_1]
                    interface = "eth0"
                    version = 3
                    virtual_router_id = 71
                    priority = 150
                    advert_int = 0.1
                    virtual_ipaddress = ["192.0.2.71/24"]
                    track_interface = ["blank0"]
                    notify_master = "/nonexistent/notify.sh master"
                    notify_backup = "%s backup"
                    notify_fault = "no-such-notify-program-hk"
                    notify_stop = "/bin/true"

                    [vrrp_instance.VI_2]
                    interface = "gone0"
                    virtual_router_id = 72
                    priority = 100
                    virtual_ipaddress = ["192.0.2.72/24"]
                    """.formatted(node.name(), socket, plain));
            List<String> warnings = List.of(
                    file + ":14:1: warning: vrrp_instance.VI_1.notify_master: /nonexistent/notify.sh does not exist;"
                            + " this notify command is disabled",
                    file + ":15:1: warning: vrrp_instance.VI_1.notify_backup: " + plain + " is not executable;"
                            + " this notify command is disabled",
                    file + ":16:1: warning: vrrp_instance.VI_1.notify_fault: no executable program"
                            + " no-such-notify-program-hk on the PATH");

            CommandResult check = segment.lab().exec(node, segment.tree().resolve("bin/hakeeperd").toString(),
                    "--check", "-f", file.toString());
            assertEquals(0, check.exitCode(), check::describe);
            for (String warning : warnings) {
                assertTrue(check.stderr().contains(warning), () -> "no \"" + warning + "\" in\n" + check.describe());
            }
            assertFalse(check.stderr().contains("blank0"), check::describe);
            assertTrue(check.stderr().contains(file + ":20:1: warning: vrrp_instance.VI_2.interface: interface gone0"
                    + " does not exist on this host"), check::describe);

            // the daemon says the same, and never runs what it disabled: no notify call fails
            Hakeeperd daemon = segment.start(node, file, "--control-socket", socket.toString());
            daemon.awaitState("VI_1", "MASTER", SETTLE);
            for (String warning : warnings) {
                assertTrue(daemon.log().contains(warning), () -> "no \"" + warning + "\" in\n" + daemon.log());
            }
            Hakeeperd.sleep(1000); // the BACKUP and MASTER notifications have been delivered
            Map<String, Object> stats = ControlIT.map(new ControlIT.Admin(segment.tree(), socket).json("stats")
                    .get("result"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> notifiers = (List<Map<String, Object>>) stats.get("notifiers");
            Map<String, Object> script = notifiers.stream()
                    .filter(n -> "script".equals(n.get("type")) && "VI_1".equals(n.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no script notifier for VI_1 in " + notifiers));
            assertEquals(0L, ((Number) script.get("failed")).longValue(), () -> script + "\n" + daemon.log());
        }
    }

    private static void run(Segment segment, LabNode node, String... argv) {
        CommandResult result = segment.lab().exec(node, argv);
        assertEquals(0, result.exitCode(), result::describe);
    }
}
