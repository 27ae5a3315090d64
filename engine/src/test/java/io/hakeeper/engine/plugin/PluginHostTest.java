package io.hakeeper.engine.plugin;

import static io.hakeeper.engine.plugin.PluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.api.TypeFactory;

class PluginHostTest {

    @TempDir
    Path temp;
    private Path pluginDir;
    private LoadedPlugins loaded;

    @BeforeEach
    void createPluginDir() throws IOException {
        pluginDir = Files.createDirectory(temp.resolve("plugins"));
    }

    @AfterEach
    void closePlugins() {
        if (loaded != null) {
            loaded.close();
        }
    }

    private LoadedPlugins load() {
        loaded = PluginHost.load(pluginDir, false);
        return loaded;
    }

    private static PluginProblem onlyProblem(LoadedPlugins plugins) {
        assertEquals(1, plugins.problems().size(), () -> "problems: " + plugins.problems());
        return plugins.problems().get(0);
    }

    private void writeGoodPlugin() throws IOException {
        plugin("good").authType("GoodFactory", "GOOD").writeTo(pluginDir, "good-1.0.0.jar");
    }

    private void assertGoodPluginLoaded(LoadedPlugins plugins) {
        RegisteredType<AuthMethodFactory> good = plugins.registry().find(AuthMethodFactory.class, "GOOD").orElseThrow();
        assertEquals("good", good.pluginId());
        assertEquals("GOOD", good.factory().type());
    }

    @Test
    void goodPluginIsStartedAndItsTypeIsInTheRegistry() throws IOException {
        writeGoodPlugin();

        LoadedPlugins plugins = load();

        assertEquals(List.of(), plugins.problems());
        assertGoodPluginLoaded(plugins);
        assertEquals(new TreeSet<>(Set.of("GOOD")), plugins.registry().types(AuthMethodFactory.class));
        PluginInfo info = plugins.plugins().get(0);
        assertEquals("good", info.id());
        assertEquals("1.0.0", info.version());
        assertEquals(PluginStatus.STARTED, info.status());
        assertEquals(pluginDir.resolve("good-1.0.0.jar"), info.jar());
        assertEquals(Map.of(ExtensionKind.AUTH_METHOD, new TreeSet<>(Set.of("GOOD"))), info.types());
    }

    @Test
    void factoryClassIsLoadedFromThePluginJarByThePluginsOwnLoader() throws IOException {
        writeGoodPlugin();

        RegisteredType<AuthMethodFactory> good = load().registry().find(AuthMethodFactory.class, "GOOD").orElseThrow();

        ClassLoader pluginLoader = good.factory().getClass().getClassLoader();
        assertTrue(pluginLoader instanceof PluginJarClassLoader, "loaded by " + pluginLoader);
        assertEquals(pluginLoader, good.classLoader());
    }

    @Test
    void extensionListedOnlyInPf4jsLegacyIndexIsNotUsed() throws IOException {
        PluginJar both = plugin("both").authType("ServicesListed", "SERVICES");
        both.source("IndexListed", """
                    package %s;
                    @org.pf4j.Extension
                    public class IndexListed implements io.hakeeper.api.AuthMethodFactory {
                        public String type() { return "INDEX"; }
                        public io.hakeeper.api.AuthMethod create(io.hakeeper.api.Settings s,
                                                                 io.hakeeper.api.PluginContext c) { return null; }
                    }
                    """.formatted(both.pkg()))
            .file("META-INF/extensions.idx", both.pkg() + ".IndexListed\n")
            .writeTo(pluginDir, "both.jar");

        LoadedPlugins plugins = load();

        assertEquals(List.of(), plugins.problems());
        assertEquals(Set.of("SERVICES"), plugins.registry().types(AuthMethodFactory.class));
    }

    @Test
    void servicesOfALibraryThePluginBundlesAreNeverLoaded() throws IOException {
        // as a JDBC driver inside a check plugin lists its own services: a class that cannot even be loaded
        PluginJar bundling = plugin("bundling").authType("GoodFactory", "GOOD");
        bundling.file("META-INF/services/java.sql.Driver", bundling.pkg() + ".BrokenDriver\n")
                .file(bundling.pkg().replace('.', '/') + "/BrokenDriver.class", "not a class file")
                .writeTo(pluginDir, "bundling.jar");

        LoadedPlugins plugins = load();

        assertEquals(List.of(), plugins.problems());
        assertEquals(Set.of("GOOD"), plugins.registry().types(AuthMethodFactory.class));
    }

    @Test
    void corruptJarIsReportedByItsFileNameWhileTheOthersLoad() throws IOException {
        writeGoodPlugin();
        byte[] noise = new byte[512];
        new Random(7).nextBytes(noise);
        Files.write(pluginDir.resolve("x.jar"), noise);

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.UNREADABLE, problem.kind());
        assertEquals(pluginDir.resolve("x.jar"), problem.jar());
        assertEquals(Optional.empty(), problem.pluginId());
        assertTrue(problem.message().startsWith(pluginDir.resolve("x.jar") + ": not a readable jar: "),
                problem.message());
        assertGoodPluginLoaded(plugins);
    }

    @Test
    void jarWithoutPluginIdIsReportedAsNotAPlugin() throws IOException {
        writeGoodPlugin();
        plugin("anonymous").manifest("Plugin-Id", "").authType("F", "ANON").writeTo(pluginDir, "anon.jar");

        PluginProblem problem = onlyProblem(load());

        assertEquals(PluginProblem.Kind.UNREADABLE, problem.kind());
        assertEquals(pluginDir.resolve("anon.jar") + ": not a plugin: its manifest has no Plugin-Id",
                problem.message());
        assertGoodPluginLoaded(loaded);
    }

    @Test
    void pluginProvidingNothingIsReportedByItsId() throws IOException {
        writeGoodPlugin();
        plugin("empty").writeTo(pluginDir, "empty.jar");

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.NO_EXTENSIONS, problem.kind());
        assertEquals(Optional.of("empty"), problem.pluginId());
        assertTrue(problem.message().startsWith(pluginDir.resolve("empty.jar") + " (plugin empty): provides no extensions"),
                problem.message());
        assertGoodPluginLoaded(plugins);
    }

    @Test
    void twoPluginsProvidingOneTypeAreReportedWithBothIdsAndTheFirstKeepsIt() throws IOException {
        plugin("alpha").authType("AlphaPass", "PASS").writeTo(pluginDir, "a-alpha.jar");
        plugin("beta").authType("BetaPass", "PASS").authType("BetaOther", "OTHER").writeTo(pluginDir, "b-beta.jar");

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.DUPLICATE_TYPE, problem.kind());
        assertEquals(pluginDir.resolve("b-beta.jar")
                + " (plugin beta): auth type PASS is also provided by plugin alpha, which keeps it", problem.message());
        assertEquals("alpha", plugins.registry().find(AuthMethodFactory.class, "PASS").orElseThrow().pluginId());
        assertEquals("beta", plugins.registry().find(AuthMethodFactory.class, "OTHER").orElseThrow().pluginId());
    }

    @Test
    void pluginRequiringAFutureHakeeperIsReportedIncompatibleAndNotStarted() throws IOException {
        writeGoodPlugin();
        plugin("future").manifest("Plugin-Requires", ">=99.0.0").authType("F", "FUTURE").writeTo(pluginDir, "future.jar");

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.INCOMPATIBLE, problem.kind());
        assertEquals(pluginDir.resolve("future.jar")
                + " (plugin future): requires hakeeper >=99.0.0 but this is 0.1.0; not started", problem.message());
        assertEquals(Optional.empty(), plugins.registry().find(AuthMethodFactory.class, "FUTURE"));
        assertEquals(PluginStatus.INCOMPATIBLE, info(plugins, "future").status());
        assertGoodPluginLoaded(plugins);
    }

    @Test
    void secondJarWithTheSamePluginIdIsReportedAndIgnored() throws IOException {
        writeGoodPlugin();
        plugin("good").authType("Impostor", "IMPOSTOR").writeTo(pluginDir, "good-copy.jar");

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.DUPLICATE_ID, problem.kind());
        assertEquals(pluginDir.resolve("good-copy.jar") + " (plugin good): plugin id good is already taken by "
                + pluginDir.resolve("good-1.0.0.jar") + "; this jar is ignored", problem.message());
        assertGoodPluginLoaded(plugins);
    }

    @Test
    void pluginWhoseStartThrowsIsReportedAndItsTypesAreNotUsed() throws IOException {
        writeGoodPlugin();
        PluginJar failing = plugin("failing");
        failing.manifest("Plugin-Class", failing.pkg() + ".FailingPlugin")
               .source("FailingPlugin", """
                       package %s;
                       public class FailingPlugin extends org.pf4j.Plugin {
                           @Override public void start() { throw new IllegalStateException("no license file"); }
                       }
                       """.formatted(failing.pkg()))
               .authType("F", "FAILING")
               .writeTo(pluginDir, "failing.jar");

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.START_FAILED, problem.kind());
        assertEquals(pluginDir.resolve("failing.jar")
                + " (plugin failing): start failed: IllegalStateException: no license file", problem.message());
        assertEquals(PluginStatus.FAILED, info(plugins, "failing").status());
        assertEquals(Optional.empty(), plugins.registry().find(AuthMethodFactory.class, "FAILING"));
        assertGoodPluginLoaded(plugins);
    }

    @Test
    void factoryThatCannotBeCreatedIsReportedWhileItsSiblingsRegister() throws IOException {
        PluginJar broken = plugin("broken");
        broken.authFactorySource("Throwing", """
                      package %s;
                      @org.pf4j.Extension
                      public class Throwing implements io.hakeeper.api.AuthMethodFactory {
                          public Throwing() { throw new IllegalStateException("no key file"); }
                          public String type() { return "THROWING"; }
                          public io.hakeeper.api.AuthMethod create(io.hakeeper.api.Settings s,
                                                                   io.hakeeper.api.PluginContext c) { return null; }
                      }
                      """.formatted(broken.pkg()))
              .authType("Fine", "FINE")
              .writeTo(pluginDir, "broken.jar");

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.EXTENSION_FAILED, problem.kind());
        assertEquals(pluginDir.resolve("broken.jar") + " (plugin broken): cannot use test.plugin.broken.Throwing:"
                + " IllegalStateException: no key file", problem.message());
        assertEquals("broken", plugins.registry().find(AuthMethodFactory.class, "FINE").orElseThrow().pluginId());
    }

    @Test
    void pluginCodeRunsWithThePluginClassLoaderAsContextLoader() throws IOException {
        PluginJar probe = plugin("probe");
        probe.authFactorySource("ContextProbe", """
                     package %s;
                     @org.pf4j.Extension
                     public class ContextProbe implements io.hakeeper.api.AuthMethodFactory {
                         private final ClassLoader atConstruction = Thread.currentThread().getContextClassLoader();
                         public String type() {
                             ClassLoader own = getClass().getClassLoader();
                             boolean right = atConstruction == own && Thread.currentThread().getContextClassLoader() == own;
                             return right ? "CONTEXT_OK" : "CONTEXT_WRONG";
                         }
                         public io.hakeeper.api.AuthMethod create(io.hakeeper.api.Settings s,
                                                                  io.hakeeper.api.PluginContext c) { return null; }
                     }
                     """.formatted(probe.pkg()))
             .writeTo(pluginDir, "probe.jar");

        LoadedPlugins plugins = load();

        assertEquals(List.of(), plugins.problems());
        assertEquals(Set.of("CONTEXT_OK"), plugins.registry().types(AuthMethodFactory.class));
        RegisteredType<AuthMethodFactory> probed = plugins.registry().find(AuthMethodFactory.class, "CONTEXT_OK")
                .orElseThrow();
        assertEquals("CONTEXT_OK", probed.call(TypeFactory::type));
        // the same call made bare, under the test thread's own context loader, sees the difference
        assertEquals("CONTEXT_WRONG", probed.factory().type());
    }

    @Test
    void pluginBundlingItsOwnCopyOfTheApiStillGetsTheHostsInterfaces() throws IOException {
        plugin("careless").authType("F", "CARELESS")
                .bundling(AuthMethodFactory.class).bundling(TypeFactory.class)
                .writeTo(pluginDir, "careless.jar");

        LoadedPlugins plugins = load();

        assertEquals(List.of(), plugins.problems());
        assertEquals("careless", plugins.registry().find(AuthMethodFactory.class, "CARELESS").orElseThrow().pluginId());
    }

    @Test
    void missingPluginDirectoryIsAProblemNotACrash() {
        pluginDir = temp.resolve("no-such-dir");

        LoadedPlugins plugins = load();

        PluginProblem problem = onlyProblem(plugins);
        assertEquals(PluginProblem.Kind.NO_PLUGIN_DIR, problem.kind());
        assertEquals(temp.resolve("no-such-dir") + ": the plugin directory does not exist", problem.message());
        assertEquals(List.of(), plugins.plugins());
        assertTrue(plugins.registry().types(AuthMethodFactory.class).isEmpty());
    }

    private static PluginInfo info(LoadedPlugins plugins, String id) {
        return plugins.plugins().stream().filter(plugin -> plugin.id().equals(id)).findFirst().orElseThrow();
    }
}
