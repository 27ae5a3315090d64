package io.hakeeper.engine.plugin;

import java.util.List;

/**
 * The outcome of loading the plugin directory: the types the engine may use, the plugins found, and what
 * went wrong with the others. Closing it stops the plugins and closes their class loaders; no factory or
 * object made by one may be used afterwards.
 */
public final class LoadedPlugins implements AutoCloseable {

    private final TypeRegistry registry;
    private final List<PluginInfo> plugins;
    private final List<PluginProblem> problems;
    private final HostPluginManager manager;

    LoadedPlugins(TypeRegistry registry, List<PluginInfo> plugins, List<PluginProblem> problems,
                  HostPluginManager manager) {
        this.registry = registry;
        this.plugins = List.copyOf(plugins);
        this.problems = List.copyOf(problems);
        this.manager = manager;
    }

    /** Every type provided by a started plugin, per extension point. */
    public TypeRegistry registry() {
        return registry;
    }

    /** Every plugin loaded from a jar, in jar file name order, started or not. */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** What went wrong, per jar, in the order found; empty when every jar loaded and provided its types. */
    public List<PluginProblem> problems() {
        return problems;
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
