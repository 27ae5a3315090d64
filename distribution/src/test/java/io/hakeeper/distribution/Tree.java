package io.hakeeper.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The assembled distribution tree that {@code mvn package} built, or a private copy of it to alter. */
final class Tree {

    private Tree() {
    }

    /** The tree the build produced; tests that only read it use it directly. */
    static Path built() {
        String tree = System.getProperty("hakeeper.tree");
        if (tree == null) {
            throw new IllegalStateException("hakeeper.tree is not set: run these tests through mvn verify");
        }
        Path path = Path.of(tree);
        if (!Files.isExecutable(path.resolve("bin/hakeeperd"))) {
            throw new IllegalStateException("no assembled tree at " + path + ": run mvn package first");
        }
        return path;
    }

    /** A copy of the built tree below {@code parent}, file modes kept, for tests that add or remove jars. */
    static Path copyTo(Path parent) {
        Path source = built();
        Path target = parent.resolve("hakeeper");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static Path pluginJar(Path tree, String pluginId) throws IOException {
        try (Stream<Path> jars = Files.list(tree.resolve("plugins"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches(pluginId + "-[0-9].*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + pluginId + " plugin jar in " + tree));
        }
    }
}
