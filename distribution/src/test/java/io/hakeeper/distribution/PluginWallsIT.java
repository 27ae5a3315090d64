package io.hakeeper.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * A plugin sees the api and pf4j and nothing of the engine, exactly as a third party's would: checked on
 * the jars the distribution ships, so a plugin that sneaks in an engine import fails here even if it
 * compiled against a wider class path somewhere.
 */
class PluginWallsIT {

    @Test
    void shippedPluginsDependOnNothingOfTheEngine() throws IOException {
        List<JarFile> jars = shippedPluginJars();
        assertFalse(jars.isEmpty(), "no plugin jars in the tree");
        try {
            JavaClasses classes = new ClassFileImporter().importJars(jars);
            noClasses().should().dependOnClassesThat().resideInAPackage("io.hakeeper.engine..")
                    .check(classes);
        } finally {
            for (JarFile jar : jars) {
                jar.close();
            }
        }
    }

    private static List<JarFile> shippedPluginJars() throws IOException {
        try (Stream<Path> files = Files.list(Tree.built().resolve("plugins"))) {
            return files.filter(file -> file.toString().endsWith(".jar")).map(file -> {
                try {
                    return new JarFile(file.toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
