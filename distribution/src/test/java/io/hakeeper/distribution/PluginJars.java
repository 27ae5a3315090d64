package io.hakeeper.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Makes the broken and odd plugin jars an operator might drop into plugins/. */
final class PluginJars {

    private PluginJars() {
    }

    /** A file named like a jar that is not a zip at all (a truncated download, say). */
    static Path corrupt(Path dir, String name) throws IOException {
        Path jar = dir.resolve(name);
        Files.write(jar, "PK\u0003\u0004 this is not really a jar".getBytes(StandardCharsets.UTF_8));
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

    /**
     * A plugin jar compiled here from {@code sources} (simple class name to source, all in one package)
     * against the tree's api and pf4j, listing each of {@code extensions} (extension point to the classes
     * implementing it) in {@code META-INF/services} as pf4j's annotation processor would.
     */
    static Path compiled(Path tree, Path dir, String pluginId, String pkg, Map<String, String> sources,
                         Map<Class<?>, List<String>> extensions) throws IOException {
        Path work = Files.createTempDirectory(dir.getParent(), pluginId + "-build");
        Path sourceDir = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classPath;
        try (Stream<Path> lib = Files.list(tree.resolve("lib"))) {
            classPath = String.join(":", lib.filter(jar -> jar.toString().endsWith(".jar")).map(Path::toString).toList());
        }
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-cp", classPath));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey() + ".java");
            Files.writeString(file, "package " + pkg + ";\n" + source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null || javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new AssertionError("cannot compile the test plugin " + pluginId + " (is this a JDK?)");
        }
        Path jar = dir.resolve(pluginId + "-1.0.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(pluginId, "1.0.0"));
             Stream<Path> files = Files.walk(classes)) {
            Set<String> directories = new HashSet<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(out, directories, classes.relativize(file).toString(), Files.readAllBytes(file));
            }
            for (Map.Entry<Class<?>, List<String>> extension : extensions.entrySet()) {
                String listed = extension.getValue().stream().map(name -> pkg + "." + name + "\n")
                        .collect(Collectors.joining());
                put(out, directories, "META-INF/services/" + extension.getKey().getName(),
                        listed.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    /** An entry after the directory entries above it, as the jar tool writes: pf4j looks the directory up. */
    private static void put(JarOutputStream out, Set<String> directories, String name, byte[] content)
            throws IOException {
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            if (directories.add(name.substring(0, slash + 1))) {
                out.putNextEntry(new JarEntry(name.substring(0, slash + 1)));
                out.closeEntry();
            }
        }
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
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
