package io.hakeeper.engine.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.ExtensionWrapper;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

import io.hakeeper.api.PathSecurity;

/**
 * pf4j as hakeeper uses it: plugin jars from one directory, each described by its manifest, extensions
 * found only through {@code META-INF/services}, {@code Plugin-Requires} checked against the hakeeper
 * version, always in deployment mode. Each choice is made by overriding one of pf4j's factory methods.
 *
 * <p>pf4j logs a jar it cannot load and goes on; this manager keeps each such failure as a
 * {@link PluginProblem} instead, so that it reaches the operator.
 *
 * <p>Not thread-safe, like pf4j's managers: the plugin host uses it from one thread at start and close.
 */
final class HostPluginManager extends DefaultPluginManager {

    // Assigned after pf4j's constructor has run initialize() and every create* method: those must not
    // touch these fields. They are only used once loading begins.
    private final List<PluginProblem> loadProblems = new ArrayList<>();
    private final List<PluginWrapper> loaded = new ArrayList<>();
    private final boolean refuseInsecure;

    /** @param refuseInsecure whether a jar that someone other than root can replace is refused (else warned of) */
    HostPluginManager(Path pluginDir, String systemVersion, boolean refuseInsecure) {
        super(pluginDir);
        setSystemVersion(systemVersion);
        this.refuseInsecure = refuseInsecure;
    }

    /** Problems met while loading jars; complete once {@link #loadPlugins()} has returned. */
    List<PluginProblem> loadProblems() {
        return List.copyOf(loadProblems);
    }

    /**
     * Every plugin whose jar was loaded, in load order, including those pf4j later unloaded for
     * unresolved dependencies (state UNLOADED).
     */
    List<PluginWrapper> loaded() {
        return List.copyOf(loaded);
    }

    /** The extensions of one plugin for one extension point, not yet instantiated. */
    <T> List<ExtensionWrapper<T>> extensions(Class<T> point, String pluginId) {
        return extensionFinder.find(point, pluginId);
    }

    // pf4j would switch to development mode (plugins from ../plugins, as class directories) when the
    // pf4j.mode system property says so; a daemon must never do that.
    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected void initialize() {
        super.initialize();
        // a plugin with missing dependencies is dropped and reported, instead of failing every plugin
        resolveRecoveryStrategy = ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE;
    }

    /**
     * One index mechanism only, or extensions listed both ways would be found twice; and of it only the
     * service files of hakeeper's extension points.
     */
    @Override
    protected ExtensionFinder createExtensionFinder() {
        ExtensionPointFinder finder = new ExtensionPointFinder(this);
        addPluginStateListener(finder); // it caches what it read; a state change clears that
        return finder;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new PluginManifestFinder();
    }

    /** Jars only, in file name order, so that which plugin keeps a contested type is predictable. */
    @Override
    protected PluginRepository createPluginRepository() {
        JarPluginRepository jars = new JarPluginRepository(getPluginsRoots());
        jars.setComparator(Comparator.comparing(File::getName));
        return jars;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path jar, PluginDescriptor descriptor) {
                return new PluginJarClassLoader(pluginManager, descriptor, HostPluginManager.class.getClassLoader());
            }
        };
    }

    /**
     * Every jar in the directory is enabled: an operator disables a plugin by removing its jar, not through
     * pf4j's enabled.txt / disabled.txt. A disabled plugin then always means an incompatible one.
     */
    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("remove the plugin's jar to disable it");
            }

            @Override
            public void enablePlugin(String pluginId) {
                // every plugin is enabled already
            }
        };
    }

    /**
     * Records why a jar could not be loaded, which pf4j's loadPlugins() would only log. A jar runs as root
     * inside the daemon: one that another user could have replaced is checked before anything of it is read.
     */
    @Override
    protected PluginWrapper loadPluginFromPath(Path jar) {
        Optional<String> unsafe = PathSecurity.findUnsafe(jar);
        if (unsafe.isPresent() && refuseInsecure) {
            loadProblems.add(PluginProblem.of(jar, null, PluginProblem.Kind.INSECURE, "refused: it would run as root"
                    + " but " + unsafe.get() + " (enable_script_security)"));
            return null;
        }
        unsafe.ifPresent(why -> loadProblems.add(PluginProblem.of(jar, null, PluginProblem.Kind.INSECURE,
                "runs as root but " + why + "; loaded anyway: set global_defs.enable_script_security to refuse it")));
        try {
            PluginWrapper plugin = super.loadPluginFromPath(jar);
            loaded.add(plugin);
            return plugin;
        } catch (PluginRejectedException e) {
            loadProblems.add(PluginProblem.of(jar, e.pluginId(), e.kind(), e.getMessage()));
        } catch (RuntimeException e) {
            loadProblems.add(PluginProblem.of(jar, null, PluginProblem.Kind.UNREADABLE,
                    "cannot load: " + PluginProblem.describe(e)));
        }
        return null;
    }

    @Override
    protected void validatePluginDescriptor(PluginDescriptor descriptor) {
        String id = descriptor.getPluginId();
        if (id == null || id.isBlank()) {
            throw new PluginRejectedException(PluginProblem.Kind.UNREADABLE, null,
                    "not a plugin: its manifest has no Plugin-Id");
        }
        if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
            throw new PluginRejectedException(PluginProblem.Kind.UNREADABLE, id,
                    "not a plugin: its manifest has no Plugin-Version");
        }
        PluginWrapper holder = getPlugin(id);
        if (holder != null) {
            throw new PluginRejectedException(PluginProblem.Kind.DUPLICATE_ID, id,
                    "plugin id " + id + " is already taken by " + holder.getPluginPath() + "; this jar is ignored");
        }
    }

    /** Starts each plugin with its own class loader as the context loader: Plugin.start() is plugin code. */
    @Override
    public void startPlugins() {
        for (PluginWrapper plugin : List.copyOf(getResolvedPlugins())) {
            if (!plugin.getPluginState().isDisabled() && !plugin.getPluginState().isStarted()) {
                PluginCalls.withContextLoader(plugin.getPluginClassLoader(), () -> startPlugin(plugin.getPluginId()));
            }
        }
    }

    /** Stops in reverse start order, each with its own class loader as the context loader. */
    @Override
    public void stopPlugins() {
        List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
        for (int i = started.size() - 1; i >= 0; i--) {
            PluginWrapper plugin = started.get(i);
            PluginCalls.withContextLoader(plugin.getPluginClassLoader(), () -> stopPlugin(plugin.getPluginId()));
        }
    }
}
