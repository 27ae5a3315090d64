package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin host as an operator meets it: broken or clashing jars in plugins/ are each reported by name,
 * the rest load, and a configuration that needs a type nobody provides is refused with what is available.
 */
class PluginProblemsIT {

    static final String PASS_CONFIG = """
            [vrrp_instance.VI_1]
            interface = "lo"
            virtual_router_id = 51
            priority = 100
            authentication = { auth_type = "PASS", auth_pass = "secret" }
            virtual_ipaddress = ["192.0.2.10/24"]
            """;

    @TempDir
    Path work;
    private Path tree;
    private Path config;

    @BeforeEach
    void copyTree() throws Exception {
        tree = Tree.copyTo(work);
        config = Files.writeString(work.resolve("pass.toml"), PASS_CONFIG);
    }

    @Test
    void withoutTheAuthPluginPassIsRefusedListingTheAvailableAuthTypes() throws Exception {
        Files.delete(Tree.pluginJar(tree, "auth"));
        Command.Result result = check();
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains(
                "pass.toml:5:"), result::toString);
        assertTrue(result.stderr().contains("vrrp_instance.VI_1.authentication.auth_type: "), result::toString);
        assertTrue(result.stderr().contains("PASS"), result::toString);
        assertTrue(result.stderr().contains("available: none"), result::toString);
    }

    @Test
    void corruptJarIsReportedByNameWhileTheRestLoad() throws Exception {
        PluginJars.corrupt(tree.resolve("plugins"), "half-downloaded.jar");
        Command.Result result = check();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("half-downloaded.jar"), result::toString);
        assertTrue(result.stdout().contains("configuration OK"), result::toString);
    }

    @Test
    void pluginThatProvidesNothingIsReportedByIdWhileTheRestLoad() throws Exception {
        PluginJars.empty(tree.resolve("plugins"), "does-nothing");
        Command.Result result = check();
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("does-nothing"), result::toString);
        assertTrue(result.stderr().contains("provides no extensions"), result::toString);
        assertTrue(result.stdout().contains("configuration OK"), result::toString);
    }

    @Test
    void twoPluginsProvidingOneTypeAreBothNamedAndTheFirstKeepsIt() throws Exception {
        PluginJars.copyWithId(Tree.pluginJar(tree, "auth"), tree.resolve("plugins"), "auth-fork");
        Command.Result result = check();
        assertEquals(0, result.exitCode(), result::toString);
        String clash = result.stderr().lines().filter(line -> line.contains("PASS")).findFirst()
                .orElseThrow(() -> new AssertionError("no line about PASS in\n" + result));
        assertTrue(clash.contains("auth") && clash.contains("auth-fork"), clash);
        assertTrue(result.stdout().contains("configuration OK"), result::toString);
    }

    @Test
    void allProblemsAtOnceAndTheGoodPluginStillServes() throws Exception {
        PluginJars.corrupt(tree.resolve("plugins"), "broken.jar");
        PluginJars.empty(tree.resolve("plugins"), "hollow");
        PluginJars.copyWithId(Tree.pluginJar(tree, "auth"), tree.resolve("plugins"), "auth-twin");
        Command.Result result = check();
        assertEquals(0, result.exitCode(), result::toString);
        for (String name : new String[] {"broken.jar", "hollow", "auth-twin"}) {
            assertTrue(result.stderr().contains(name), name + " not reported in\n" + result);
        }
    }

    private Command.Result check() throws Exception {
        return Command.of(tree.resolve("bin/hakeeperd"), "--check", "-f", config).in(work).run();
    }
}
