package io.hakeeper.engine.plugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.pf4j.Extension;

import io.hakeeper.api.AuthMethodFactory;

/**
 * Builds a real plugin jar the way the plugin build does: classes compiled from source (so that they
 * exist only inside the jar, never on the test class path), a manifest naming the plugin, and the
 * {@code META-INF/services} file pf4j's annotation processor would have written.
 */
final class PluginJar {

    private final String pluginId;
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> authFactories = new ArrayList<>();
    private final List<Class<?>> hostClassCopies = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Set<String> directories = new HashSet<>();

    private PluginJar(String pluginId) {
        this.pluginId = pluginId;
        manifest.put("Plugin-Id", pluginId);
        manifest.put("Plugin-Version", "1.0.0");
        manifest.put("Plugin-Requires", ">=0.1.0");
    }

    static PluginJar plugin(String pluginId) {
        return new PluginJar(pluginId);
    }

    /** The package a plugin's generated classes live in. */
    String pkg() {
        return "test.plugin." + pluginId.replace('-', '_');
    }

    PluginJar manifest(String attribute, String value) {
        manifest.put(attribute, value);
        return this;
    }

    /** Adds an auth method factory of that type, listed in META-INF/services. */
    PluginJar authType(String className, String type) {
        return authFactory(className, "return \"" + type + "\";");
    }

    /** Adds an auth method factory whose {@code type()} has the given body. */
    PluginJar authFactory(String className, String typeBody) {
        return authFactorySource(className, """
                package %s;
                @org.pf4j.Extension
                public class %s implements io.hakeeper.api.AuthMethodFactory {
                    public String type() { %s }
                    public io.hakeeper.api.AuthMethod create(io.hakeeper.api.Settings s,
                                                             io.hakeeper.api.PluginContext c) { return null; }
                }
                """.formatted(pkg(), className, typeBody));
    }

    /** Adds an auth method factory written out in full, listed in META-INF/services. */
    PluginJar authFactorySource(String className, String source) {
        authFactories.add(pkg() + "." + className);
        return source(className, source);
    }

    /** Adds a class compiled from source, in this plugin's package. */
    PluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Adds a file of the given text, as is. */
    PluginJar file(String entryName, String content) {
        files.put(entryName, content);
        return this;
    }

    /** Puts a copy of a host class file into the jar, as a carelessly built plugin would. */
    PluginJar bundling(Class<?> hostClass) {
        hostClassCopies.add(hostClass);
        return this;
    }

    Path writeTo(Path dir, String jarName) throws IOException {
        Path classes = Files.createTempDirectory(dir.getParent(), pluginId + "-classes");
        compile(classes);
        Path jar = dir.resolve(jarName);
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest())) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path classFile : files.filter(Files::isRegularFile).toList()) {
                    put(out, classes.relativize(classFile).toString().replace('\\', '/'), Files.readAllBytes(classFile));
                }
            }
            if (!authFactories.isEmpty()) {
                put(out, "META-INF/services/" + AuthMethodFactory.class.getName(),
                        String.join("\n", authFactories).concat("\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, String> text : files.entrySet()) {
                put(out, text.getKey(), text.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (Class<?> hostClass : hostClassCopies) {
                String entry = hostClass.getName().replace('.', '/') + ".class";
                try (InputStream in = hostClass.getResourceAsStream("/" + entry)) {
                    put(out, entry, in.readAllBytes());
                }
            }
        }
        return jar;
    }

    private Manifest manifest() {
        Manifest result = new Manifest();
        Attributes attributes = result.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> attributes.put(new Attributes.Name(name), value));
        return result;
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        Path sourceDir = Files.createDirectories(classes.resolveSibling(classes.getFileName() + "-src"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", hostClassPath()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey() + ".java");
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(null, null, errors, arguments.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("plugin sources do not compile:\n" + errors);
        }
    }

    /** The api and pf4j, from wherever the test runtime found them (surefire hides the real class path). */
    private static String hostClassPath() {
        return Stream.of(AuthMethodFactory.class, Extension.class)
                .map(PluginJar::location)
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes an entry after the directory entries above it, as the jar tool does: pf4j finds a plugin's
     * {@code META-INF/services} by looking the directory up, which fails in a jar without directory entries.
     */
    private void put(JarOutputStream out, String name, byte[] content) throws IOException {
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            String directory = name.substring(0, slash + 1);
            if (directories.add(directory)) {
                out.putNextEntry(new JarEntry(directory));
                out.closeEntry();
            }
        }
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
