package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.VipBackendFactory;

/**
 * The host finds extensions only through META-INF/services, written by pf4j's annotation processor; a
 * factory missing from it would load and never be offered.
 */
class ExtensionIndexTest {

    @Test
    void annotationProcessorListsBothFactoriesInMetaInfServices() throws IOException {
        String resource = "META-INF/services/" + VipBackendFactory.class.getName();
        StringBuilder listed = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                listed.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        List<String> factories = listed.toString().lines().map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty()).toList();
        assertEquals(List.of(IpRoute2BackendFactory.class.getName(), NetlinkBackendFactory.class.getName()),
                factories.stream().sorted().toList());
        assertEquals("iproute2", new IpRoute2BackendFactory().type());
        assertEquals("netlink", new NetlinkBackendFactory().type());
    }
}
