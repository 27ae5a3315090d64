package io.hakeeper.plugin.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.NotifierFactory;

/**
 * The host finds extensions only through META-INF/services; should pf4j's annotation processor not write
 * it, the plugin would load and provide nothing. This catches that at build time.
 */
class ExtensionIndexTest {

    @Test
    void annotationProcessorListsTheThreeNotifierFactoriesInMetaInfServices() throws IOException {
        String resource = "META-INF/services/" + NotifierFactory.class.getName();
        StringBuilder listed = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                listed.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        Set<String> factories = listed.toString().lines().map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty()).collect(Collectors.toSet());
        assertEquals(Set.of(ScriptNotifierFactory.class.getName(), FifoNotifierFactory.class.getName(),
                SmtpNotifierFactory.class.getName()), factories);
    }
}
