package io.hakeeper.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Makes the broken and odd plugin jars an operator might drop into plugins/. */
final class PluginJars {

    private PluginJars() {
    }

    /** A file named like a jar that is not a zip at all (a truncated download, say). */
    static Path corrupt(Path dir, String name) throws IOException {
        Path jar = dir.resolve(name);
        Files.write(jar, "PK\u0003\u0004 this is not really a jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return jar;
    }

    /** A well-formed plugin jar with a manifest and no classes: it provides nothing. */
    static Path empty(Path dir, String pluginId) throws IOException {
        Path jar = dir.resolve(pluginId + "-1.0.0.jar");
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream ignored = new JarOutputStream(out, manifest(pluginId, "1.0.0"))) {
            // the manifest is the whole plugin
        }
        return jar;
    }

    /** A copy of an existing plugin jar under another plugin id: the same types, a second provider. */
    static Path copyWithId(Path source, Path dir, String pluginId) throws IOException {
        Path jar = dir.resolve(pluginId + "-1.0.0.jar");
        try (JarFile in = new JarFile(source.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(pluginId, "1.0.0"))) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Manifest manifest(String pluginId, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", pluginId);
        main.putValue("Plugin-Version", version);
        return manifest;
    }
}
