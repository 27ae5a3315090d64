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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.lab.LabNode;

/**
 * A plugin jar that a user other than root can replace, in a copy of the assembled tree: with
 * enable_script_security it is refused, and {@code hakeeperd --check} and {@code ha-admin plugins} name the
 * jar and the path at fault; without it, it loads and a warning says so.
 */
class PluginSecurityIT {

    private static final int NOBODY = 65534;

    @TempDir
    Path work;
    private Path tree;

    @BeforeEach
    void copyTree() {
        Requirements.requireRoot();
        tree = Tree.copyTo(work);
    }

    private Path config(boolean scriptSecurity) throws Exception {
        return Files.writeString(work.resolve("pass.toml"), "[global_defs]\nenable_script_security = " + scriptSecurity
                + "\n\n" + PluginProblemsIT.PASS_CONFIG);
    }

    private Command.Result check(Path config) throws Exception {
        return Command.of(tree.resolve("bin/hakeeperd"), "--check", "-f", config).in(work).run();
    }

    @Test
    void checkRefusesAJarInADirectoryAnotherUserOwnsUnderScriptSecurityAndWarnsWithout() throws Exception {
        Path plugins = tree.resolve("plugins");
        Files.setAttribute(plugins, "unix:uid", NOBODY);
        Path auth = Tree.pluginJar(tree, "auth");
        String fault = plugins + " is owned by uid " + NOBODY + ", not root";

        Command.Result refused = check(config(true));
        assertEquals(1, refused.exitCode(), refused::toString);
        String line = refused.stderr().lines().filter(l -> l.contains(auth.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("the auth jar is not named:\n" + refused));
        assertTrue(line.contains("refused") && line.contains(fault), line);
        assertTrue(refused.stderr().contains("vrrp_instance.VI_1.authentication.auth_type"), refused::toString);

        Command.Result warned = check(config(false));
        assertEquals(0, warned.exitCode(), warned::toString);
        String warning = warned.stderr().lines().filter(l -> l.contains(auth.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("the auth jar is not named:\n" + warned));
        assertTrue(warning.contains(fault) && warning.contains("enable_script_security"), warning);
        assertTrue(warned.stdout().contains("configuration OK"), warned::toString);
    }

    @Test
    void haAdminPluginsShowsAJarEveryoneCanWriteAsRefused() throws Exception {
        Path grafana = Tree.pluginJar(tree, "check-grafana");
        Files.setPosixFilePermissions(grafana, PosixFilePermissions.fromString("rw-rw-rw-"));
        try (Segment segment = Segment.create("PluginSecurityIT", 1, tree)) {
            LabNode node = segment.node(1);
            Path socket = Path.of("/tmp/hk-pluginsec-" + node.namespace() + ".sock");
            Path file = Files.writeString(segment.lab().workDir().resolve("secure.toml"), """
                    [global_defs]
                    router_id = "%s"
                    control_socket = "%s"
                    enable_script_security = true
                    vrrp_garp_master_delay = 0

                    [vrrp_instance.VI_1]
                    interface = "eth0"
                    version = 3
                    virtual_router_id = 81
                    priority = 150
                    advert_int = 0.1
                    virtual_ipaddress = ["192.0.2.81/24"]
                    """.formatted(node.name(), socket));
            Hakeeperd daemon = segment.start(node, file);
            daemon.awaitState("VI_1", "MASTER", Duration.ofSeconds(15));
            assertTrue(daemon.log().contains(grafana.toString()), daemon::log);
            Map<String, Object> result = ControlIT.map(new ControlIT.Admin(tree, socket).json("plugins").get("result"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> problems = (List<Map<String, Object>>) result.get("problems");
            Map<String, Object> problem = problems.stream().filter(p -> grafana.toString().equals(p.get("jar")))
                    .findFirst().orElseThrow(() -> new AssertionError("no problem for " + grafana + ": " + result));
            assertEquals("insecure", problem.get("kind"), problem::toString);
            assertTrue(String.valueOf(problem.get("message")).contains(grafana + " is writable by everyone"),
                    problem::toString);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> loaded = (List<Map<String, Object>>) result.get("plugins");
            assertFalse(loaded.stream().anyMatch(p -> "check-grafana".equals(p.get("id"))), result::toString);
        }
    }
}
