package io.hakeeper.engine.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.pf4j.ExtensionWrapper;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.api.TypeFactory;
import io.hakeeper.engine.Version;

/**
 * Loads the plugin jars of one directory and builds the {@link TypeRegistry} the engine resolves every
 * configured type against.
 *
 * <p>A broken jar never stops the others: each failure becomes a {@link PluginProblem} naming the jar,
 * the plugin id when known, and the cause in one line. Every registration is logged. When two plugins
 * provide the same type for one extension point, the one whose jar sorts first by file name keeps it.
 */
public final class PluginHost {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final HostPluginManager manager;
    private final TypeRegistry.Builder registry = TypeRegistry.builder();
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final List<PluginProblem> problems = new ArrayList<>();

    private PluginHost(HostPluginManager manager) {
        this.manager = manager;
    }

    /**
     * Loads and starts every plugin jar in {@code pluginDir} and registers the types they provide. A
     * missing directory is reported as a problem, like a broken jar; this method does not throw for
     * anything a plugin or the operator did.
     *
     * @param refuseInsecure {@code global_defs.enable_script_security}: a jar that someone other than root
     *                       can replace is not loaded (else it is, with a problem that says so)
     */
    public static LoadedPlugins load(Path pluginDir, boolean refuseInsecure) {
        PluginHost host = new PluginHost(new HostPluginManager(pluginDir, Version.current(), refuseInsecure));
        if (!Files.isDirectory(pluginDir)) {
            host.problems.add(PluginProblem.of(pluginDir, null, PluginProblem.Kind.NO_PLUGIN_DIR,
                    Files.exists(pluginDir) ? "the plugin directory is not a directory"
                                            : "the plugin directory does not exist"));
        }
        return host.loadAndRegister(pluginDir);
    }

    private LoadedPlugins loadAndRegister(Path pluginDir) {
        try {
            manager.loadPlugins();
        } catch (PluginRuntimeException e) { // a dependency cycle: pf4j cannot recover from that
            problems.add(PluginProblem.of(pluginDir, null, PluginProblem.Kind.UNRESOLVED,
                    "plugins cannot be resolved: " + PluginProblem.describe(e)));
        }
        problems.addAll(manager.loadProblems());
        manager.startPlugins();

        List<PluginWrapper> byJarName = new ArrayList<>(manager.loaded());
        byJarName.sort(Comparator.comparing(plugin -> plugin.getPluginPath().getFileName().toString()));
        byJarName.forEach(this::account);

        problems.forEach(problem -> log.warn("plugin problem: {}", problem.message()));
        return new LoadedPlugins(registry.build(), plugins, problems, manager);
    }

    /** Records where pf4j left one plugin, a problem if it is not started, and registers its types if it is. */
    private void account(PluginWrapper plugin) {
        PluginState state = plugin.getPluginState();
        PluginStatus status;
        Map<ExtensionKind, SortedSet<String>> types = Map.of();
        if (state == PluginState.STARTED) {
            status = PluginStatus.STARTED;
            types = register(plugin);
        } else if (state == PluginState.DISABLED) {
            // nothing else disables a plugin here (see HostPluginManager): pf4j found Plugin-Requires not met
            status = PluginStatus.INCOMPATIBLE;
            problems.add(problem(plugin, PluginProblem.Kind.INCOMPATIBLE, "requires hakeeper "
                    + plugin.getDescriptor().getRequires() + " but this is " + manager.getSystemVersion()
                    + "; not started"));
        } else if (state == PluginState.UNLOADED) {
            problems.add(problem(plugin, PluginProblem.Kind.UNRESOLVED, "needs plugins that are not there ("
                    + plugin.getDescriptor().getDependencies() + "); not loaded"));
            return;
        } else {
            status = PluginStatus.FAILED;
            Throwable failure = plugin.getFailedException();
            problems.add(problem(plugin, PluginProblem.Kind.START_FAILED, "start failed: "
                    + (failure == null ? "left in state " + state : PluginProblem.describe(failure))));
        }
        plugins.add(new PluginInfo(plugin.getPluginId(), plugin.getDescriptor().getVersion(), status,
                plugin.getPluginPath(), types));
    }

    /** Registers every factory a started plugin provides, and returns the types that got registered. */
    private Map<ExtensionKind, SortedSet<String>> register(PluginWrapper plugin) {
        Map<ExtensionKind, SortedSet<String>> provided = new EnumMap<>(ExtensionKind.class);
        int found = 0;
        for (ExtensionKind kind : ExtensionKind.values()) {
            found += register(plugin, kind, kind.factoryType(), provided);
        }
        if (found == 0) {
            problems.add(problem(plugin, PluginProblem.Kind.NO_EXTENSIONS, "provides no extensions: its jar lists"
                    + " no hakeeper factory in META-INF/services (was it built with pf4j's annotation processor?)"));
        }
        return provided;
    }

    /** Registers a plugin's factories for one extension point; returns how many it lists there. */
    private <F extends TypeFactory> int register(PluginWrapper plugin, ExtensionKind kind, Class<F> point,
                                                 Map<ExtensionKind, SortedSet<String>> provided) {
        String id = plugin.getPluginId();
        ClassLoader loader = plugin.getPluginClassLoader();
        List<ExtensionWrapper<F>> extensions = PluginCalls.withContextLoader(loader, () -> manager.extensions(point, id));
        for (ExtensionWrapper<F> extension : extensions) {
            try {
                // the factory's constructor runs here: plugin code, under the plugin's context loader
                F factory = PluginCalls.withContextLoader(loader, extension::getExtension);
                String type = PluginCalls.withContextLoader(loader, factory::type);
                registry.register(point, id, factory, loader).ifPresentOrElse(
                        holder -> problems.add(problem(plugin, PluginProblem.Kind.DUPLICATE_TYPE, kind.noun()
                                + " type " + type + " is also provided by plugin " + holder.pluginId()
                                + ", which keeps it")),
                        () -> {
                            provided.computeIfAbsent(kind, k -> new TreeSet<>()).add(type);
                            log.info("plugin {} {} provides {} type {}", id, plugin.getDescriptor().getVersion(),
                                    kind.noun(), type);
                        });
            } catch (RuntimeException | LinkageError e) {
                problems.add(problem(plugin, PluginProblem.Kind.EXTENSION_FAILED, "cannot use "
                        + extension.getDescriptor().extensionClass.getName() + ": " + PluginProblem.describe(e)));
            }
        }
        return extensions.size();
    }

    private static PluginProblem problem(PluginWrapper plugin, PluginProblem.Kind kind, String cause) {
        return PluginProblem.of(plugin.getPluginPath(), plugin.getPluginId(), kind, cause);
    }
}
