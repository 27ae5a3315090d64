package io.hakeeper.engine.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.pf4j.ManifestPluginDescriptorFinder;

/**
 * Reads a plugin's descriptor from its jar manifest, the one place hakeeper plugins declare themselves.
 * Unlike pf4j's compound finder (which tries plugin.properties first and then hides why the manifest
 * failed), it says in one line why a jar is not a plugin.
 */
final class PluginManifestFinder extends ManifestPluginDescriptorFinder {

    @Override
    protected Manifest readManifestFromJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new PluginRejectedException(PluginProblem.Kind.UNREADABLE, null,
                        "not a plugin: the jar has no META-INF/MANIFEST.MF");
            }
            return manifest;
        } catch (IOException e) {
            throw new PluginRejectedException(PluginProblem.Kind.UNREADABLE, null,
                    "not a readable jar: " + PluginProblem.describe(e));
        }
    }
}
