package io.hakeeper.engine.plugin;

import static io.hakeeper.engine.plugin.PluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.engine.testsupport.Requirements;

/**
 * A plugin jar runs as root inside the daemon, so keepalived's script-security rule applies to it: when a
 * user other than root could replace the jar (it, or a directory above it, is theirs or writable by them),
 * enable_script_security refuses it, naming the jar and the path at fault, and without the flag it loads
 * with a problem saying so. Real files and directories, owned and moded with chown and chmod (as root).
 */
class PluginJarSecurityTest {

    private static final int NOBODY = 65534;

    @TempDir
    Path temp;
    private Path pluginDir;
    private Path jar;
    private LoadedPlugins loaded;

    @BeforeEach
    void writeGoodPlugin() throws IOException {
        Requirements.requireRoot();
        pluginDir = Files.createDirectory(temp.resolve("plugins"));
        jar = plugin("good").authType("GoodFactory", "GOOD").writeTo(pluginDir, "good-1.0.0.jar");
    }

    @AfterEach
    void closePlugins() {
        if (loaded != null) {
            loaded.close();
        }
    }

    private LoadedPlugins load(boolean scriptSecurity) {
        loaded = PluginHost.load(pluginDir, scriptSecurity);
        return loaded;
    }

    private static PluginProblem onlyProblem(LoadedPlugins plugins) {
        assertEquals(1, plugins.problems().size(), () -> "problems: " + plugins.problems());
        return plugins.problems().get(0);
    }

    private void assertRefused(LoadedPlugins plugins, String unsafe) {
        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.INSECURE, problem.kind());
        assertEquals(jar, problem.jar());
        assertTrue(problem.message().contains("refused") && problem.message().contains(unsafe), problem.message());
        assertEquals(List.of(), plugins.plugins());
        assertTrue(plugins.registry().find(AuthMethodFactory.class, "GOOD").isEmpty());
    }

    @Test
    void aRootOnlyPathLoadsWithoutAProblemUnderScriptSecurity() {
        LoadedPlugins plugins = load(true);

        assertEquals(List.of(), plugins.problems());
        assertTrue(plugins.registry().find(AuthMethodFactory.class, "GOOD").isPresent());
    }

    @Test
    void aJarInADirectoryOwnedByAnotherUserIsRefusedUnderScriptSecurity() throws IOException {
        Files.setAttribute(pluginDir, "unix:uid", NOBODY);

        assertRefused(load(true), pluginDir + " is owned by uid " + NOBODY + ", not root");
    }

    @Test
    void withoutScriptSecurityTheSameJarLoadsWithAProblemThatSaysSo() throws IOException {
        Files.setAttribute(pluginDir, "unix:uid", NOBODY);

        LoadedPlugins plugins = load(false);

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.INSECURE, problem.kind());
        assertTrue(problem.message().contains(pluginDir + " is owned by uid " + NOBODY)
                && problem.message().contains("enable_script_security"), problem.message());
        assertEquals(PluginStatus.STARTED, plugins.plugins().get(0).status());
        assertTrue(plugins.registry().find(AuthMethodFactory.class, "GOOD").isPresent());
    }

    @Test
    void aJarEveryoneCanWriteIsRefused() throws IOException {
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertRefused(load(true), jar + " is writable by everyone");
    }

    @Test
    void aDirectoryAboveTheJarWritableByANonRootGroupIsRefused() throws IOException {
        Files.setAttribute(temp, "unix:gid", NOBODY);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxr-x"));

        assertRefused(load(true), temp + " is writable by group " + NOBODY);
    }

    @Test
    void aLinkToAJarThatAnotherUserCanReplaceIsRefused() throws IOException {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Path real = Files.move(jar, elsewhere.resolve("good-1.0.0.jar"));
        Files.createSymbolicLink(jar, real);
        Files.setAttribute(elsewhere, "unix:uid", NOBODY);

        assertRefused(load(true), elsewhere + " is owned by uid " + NOBODY);
    }
}
