package io.hakeeper.engine.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.pf4j.ServiceProviderExtensionFinder;

/**
 * pf4j's {@code META-INF/services} finder, reading only the files named after hakeeper's extension points.
 * pf4j's own reads every service file of a plugin jar, and then loads every class listed there to see
 * whether it fits the extension point asked for: a plugin that bundles a library with services of its own
 * (the MySQL check's JDBC driver lists dozens of codecs) had all of them loaded at every start, for nothing.
 * Extensions are looked up per plugin only, so the application's class path is not read at all.
 */
final class ExtensionPointFinder extends ServiceProviderExtensionFinder {

    private static final String SERVICES = "META-INF/services/";

    private final PluginManager plugins;

    ExtensionPointFinder(PluginManager plugins) {
        super(plugins);
        this.plugins = plugins;
    }

    @Override
    public Map<String, Set<String>> readClasspathStorages() {
        return Map.of();
    }

    @Override
    public Map<String, Set<String>> readPluginsStorages() {
        Map<String, Set<String>> classNamesByPlugin = new LinkedHashMap<>();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            Set<String> classNames = new LinkedHashSet<>();
            if (plugin.getPluginClassLoader() instanceof PluginClassLoader loader) {
                for (ExtensionKind kind : ExtensionKind.values()) {
                    read(loader, SERVICES + kind.factoryType().getName(), classNames);
                }
            }
            classNamesByPlugin.put(plugin.getPluginId(), classNames);
        }
        return classNamesByPlugin;
    }

    /** Adds the class names a service file of the plugin's own jar lists (the loader's parents are not asked). */
    private static void read(PluginClassLoader loader, String serviceFile, Set<String> classNames) {
        try {
            Enumeration<URL> files = loader.findResources(serviceFile);
            while (files.hasMoreElements()) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(files.nextElement().openStream(),
                        StandardCharsets.UTF_8))) {
                    lines.lines().map(ExtensionPointFinder::className).filter(name -> !name.isEmpty())
                            .forEach(classNames::add);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // as pf4j's finder: a jar it cannot read provides nothing, which PluginHost reports as such
        }
    }

    /** A line of a service file without its comment and blanks (java.util.ServiceLoader's format). */
    private static String className(String line) {
        int comment = line.indexOf('#');
        return (comment < 0 ? line : line.substring(0, comment)).strip();
    }
}
