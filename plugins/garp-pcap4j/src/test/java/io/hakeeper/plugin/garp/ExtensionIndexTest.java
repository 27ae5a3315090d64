package io.hakeeper.plugin.garp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AnnouncerFactory;

/**
 * The host finds extensions only through META-INF/services, which pf4j's annotation processor writes
 * when the build tells it to. Should the processor not run (JDK 21+ without {@code <proc>full</proc>}) or
 * write its default index instead, the jar would load and provide nothing; this catches it at build time.
 */
class ExtensionIndexTest {

    @Test
    void annotationProcessorListsBothFactoriesInMetaInfServices() throws IOException {
        String resource = "META-INF/services/" + AnnouncerFactory.class.getName();
        StringBuilder listed = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                listed.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        for (Class<?> factory : List.of(PacketAnnouncerFactory.class, Pcap4jAnnouncerFactory.class)) {
            assertTrue(listed.toString().lines().anyMatch(line -> line.startsWith(factory.getName())),
                    resource + " lists: " + listed);
        }
    }
}
