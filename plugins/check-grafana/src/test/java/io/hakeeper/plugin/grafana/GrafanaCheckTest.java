package io.hakeeper.plugin.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.SettingsException;

/** Against a real HTTP server (the JDK's) answering as Grafana's /api/health does. */
class GrafanaCheckTest {

    private static final String OK = "{\n  \"commit\": \"5b85c4c2fc\",\n  \"database\": \"ok\",\n  \"version\": \"11.3.0\"\n}";
    private static final String FAILING = "{\n  \"commit\": \"5b85c4c2fc\",\n  \"database\": \"failing\",\n  \"version\": \"11.3.0\"\n}";

    private HttpServer server;
    private volatile int status = 200;
    private volatile String body = OK;
    private volatile long delayMillis;
    private volatile String path;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            path = exchange.getRequestURI().getPath();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Check grafana(String url) {
        return new GrafanaCheckFactory().create(MapSettings.of("type", "grafana", "url", url), Duration.ofSeconds(1),
                new PluginContext("chk_grafana", "lb1", null));
    }

    @Test
    void healthyWhenHealthAnswers200WithDatabaseOk() throws Exception {
        try (Check check = grafana(base())) {
            CheckResult result = check.run();
            assertEquals(new CheckResult.Up("database ok, Grafana 11.3.0"), result);
            assertEquals("/api/health", path);
        }
    }

    @Test
    void aBaseUrlWithAPathAndTrailingSlashKeepsItsPath() throws Exception {
        try (Check check = grafana(base() + "/grafana/")) {
            check.run();
            assertEquals("/grafana/api/health", path);
        }
    }

    @Test
    void downWhenGrafanaAnswers503WithDatabaseFailing() throws Exception {
        status = 503;
        body = FAILING;
        try (Check check = grafana(base())) {
            CheckResult result = check.run();
            assertInstanceOf(CheckResult.Down.class, result);
            assertTrue(((CheckResult.Down) result).reason().contains("answered 503, database failing"), result::toString);
        }
    }

    @Test
    void downWhenStatusIs200ButTheDatabaseIsNotOk() throws Exception {
        body = FAILING;
        try (Check check = grafana(base())) {
            assertEquals(new CheckResult.Down("database failing"), check.run());
        }
    }

    @Test
    void downWhenA200PageIsNotGrafanasHealthJson() throws Exception {
        body = "<html>proxy login</html>";
        try (Check check = grafana(base())) {
            assertInstanceOf(CheckResult.Down.class, check.run());
        }
    }

    @Test
    void anAnswerSlowerThanTheTimeoutFailsTheRun() {
        delayMillis = 3_000;
        try (Check check = grafana(base())) {
            assertThrows(HttpTimeoutException.class, check::run);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStoppedServerFailsTheRun() {
        String url = base();
        server.stop(0);
        try (Check check = grafana(url)) {
            assertThrows(IOException.class, check::run);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void urlsThatAreNotHttpAreRefusedWithTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> grafana("ftp://grafana"));
        assertEquals("test.url", e.keyPath());
        assertThrows(SettingsException.class, () -> grafana("http://grafana/?x=1"));
        SettingsException ca = assertThrows(SettingsException.class, () -> new GrafanaCheckFactory().create(
                MapSettings.of("url", "https://grafana", "ca_file", "/nonexistent/ca.pem"), Duration.ofSeconds(1),
                new PluginContext("chk_grafana", "lb1", null)));
        assertEquals("test.ca_file", ca.keyPath());
    }

    @Test
    void annotationProcessorListsTheFactoryInMetaInfServices() throws IOException {
        String resource = "META-INF/services/" + CheckFactory.class.getName();
        StringBuilder listed = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                listed.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertTrue(listed.toString().contains(GrafanaCheckFactory.class.getName()), listed::toString);
    }
}
