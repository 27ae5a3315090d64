package io.hakeeper.plugin.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.SettingsException;

/** Against the JDK's own HTTP server on 127.0.0.1, and an HTTPS one with a certificate keytool makes here. */
class HttpCheckTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(HttpServer created) {
        server = created;
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"database\": \"ok\"}"));
        server.createContext("/broken", exchange -> answer(exchange, 503, "{\"database\": \"failing\"}"));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/health");
            answer(exchange, 302, "");
        });
        server.start();
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private Check check(Object... keysAndValues) {
        return Checks.create(new HttpCheckFactory(), MapSettings.of(keysAndValues), dir);
    }

    @Test
    void anExpectedStatusIsUpAndAnyOtherDown() throws Exception {
        String at = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        try (Check healthy = check("url", "http://" + at + "/health");
             Check broken = check("url", "http://" + at + "/broken");
             Check moved = check("url", "http://" + at + "/moved");
             Check movedIsFine = check("url", "http://" + at + "/moved", "status", List.of("200", "301-302"))) {
            assertEquals(CheckResult.up("status 200"), healthy.run());
            assertEquals(CheckResult.down("status 503 from http://" + at + "/broken"), broken.run());
            assertEquals(CheckResult.down("status 302 from http://" + at + "/moved"), moved.run());
            assertEquals(CheckResult.up("status 302"), movedIsFine.run());
        }
    }

    @Test
    void theBodyMustMatchTheRegexWhenOneIsGiven() throws Exception {
        String at = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        try (Check ok = check("url", "http://" + at + "/health", "body_regex", "\"database\":\\s*\"ok\"");
             Check other = check("url", "http://" + at + "/health", "body_regex", "failing")) {
            assertEquals(CheckResult.up("status 200"), ok.run());
            assertInstanceOf(CheckResult.Down.class, other.run());
        }
    }

    @Test
    void headAsksForNoBody() throws Exception {
        String at = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        try (Check head = check("url", "http://" + at + "/health", "method", "HEAD")) {
            assertEquals(CheckResult.up("status 200"), head.run());
        }
        assertThrows(SettingsException.class,
                () -> check("url", "http://" + at + "/health", "method", "HEAD", "body_regex", "ok"));
    }

    @Test
    void nothingListeningIsDown() throws Exception {
        String at = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        server.stop(0);
        server = null;
        try (Check check = check("url", "http://" + at + "/health")) {
            assertInstanceOf(CheckResult.Down.class, check.run());
        }
    }

    @Test
    void httpsIsVerifiedAgainstTheGivenCaFile() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", dir.resolve("ca.pem").toString());

        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        String at = serve(https);
        try (Check trusted = check("url", "https://" + at + "/health", "ca_file", "ca.pem");
             Check untrusted = check("url", "https://" + at + "/health")) {
            assertEquals(CheckResult.up("status 200"), trusted.run());
            CheckResult refused = untrusted.run();
            assertInstanceOf(CheckResult.Down.class, refused);
        }
    }

    @Test
    void badSettingsAreConfigurationErrors() throws Exception {
        Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThrows(SettingsException.class, () -> check("url", "ftp://example.org/"));
        assertThrows(SettingsException.class, () -> check("url", "http://127.0.0.1/", "method", "POST"));
        assertThrows(SettingsException.class, () -> check("url", "http://127.0.0.1/", "status", List.of("2xx")));
        assertThrows(SettingsException.class, () -> check("url", "http://127.0.0.1/", "body_regex", "("));
        SettingsException ca = assertThrows(SettingsException.class,
                () -> check("url", "https://127.0.0.1/", "ca_file", "junk.pem"));
        assertTrue(ca.keyPath().endsWith(".ca_file"), ca.keyPath());
    }

    private static SSLContext serverContext(Path keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... arguments) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool " + String.join(" ", arguments) + ": " + output);
    }
}
