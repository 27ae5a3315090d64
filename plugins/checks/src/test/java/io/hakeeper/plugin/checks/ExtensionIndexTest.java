package io.hakeeper.plugin.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.CheckFactory;

/**
 * The host finds extensions only through META-INF/services, written by pf4j's annotation processor; a
 * factory missing from it would load and never be offered.
 */
class ExtensionIndexTest {

    @Test
    void everyCheckFactoryIsListedInMetaInfServices() throws IOException {
        String resource = "META-INF/services/" + CheckFactory.class.getName();
        Set<String> listed = new TreeSet<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                        .forEach(listed::add);
            }
        }
        assertEquals(new TreeSet<>(Set.of(ScriptCheckFactory.class.getName(), FileCheckFactory.class.getName(),
                ProcessCheckFactory.class.getName(), TcpCheckFactory.class.getName(),
                HttpCheckFactory.class.getName())), listed);
    }
}
