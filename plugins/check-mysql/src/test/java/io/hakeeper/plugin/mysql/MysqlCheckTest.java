package io.hakeeper.plugin.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.SettingsException;

/** Against a real MariaDB the test starts on a unix socket and a loopback port of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MysqlCheckTest {

    @TempDir
    static Path dir;

    private MariaDbServer server;

    @BeforeAll
    void startMariaDb() throws Exception {
        server = MariaDbServer.start(dir);
    }

    @AfterAll
    void stopMariaDb() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Check mysql(Duration timeout, Object... keysAndValues) {
        List<Object> all = new ArrayList<>(List.of("type", "mysql", "user", MariaDbServer.USER));
        all.addAll(List.of(keysAndValues));
        return new MysqlCheckFactory().create(MapSettings.of(all.toArray()), timeout,
                new PluginContext("chk_mysql", "lb1", null));
    }

    private Check overSocket(Object... more) {
        List<Object> all = new ArrayList<>(List.of("socket", server.socket().toString(), "password", MariaDbServer.PASSWORD));
        all.addAll(List.of(more));
        return mysql(Duration.ofSeconds(5), all.toArray());
    }

    @Test
    void selectOneOverTheUnixSocketIsUp() throws Exception {
        try (Check check = overSocket()) {
            assertEquals(new CheckResult.Up(server.socket() + ": 1"), check.run());
        }
    }

    @Test
    void aConfiguredQueryOverTcpIsUpWithItsFirstValue() throws Exception {
        try (Check check = mysql(Duration.ofSeconds(5), "host", "127.0.0.1", "port", server.port(),
                "password", MariaDbServer.PASSWORD, "database", "app", "query", "SELECT beat FROM heartbeat")) {
            assertEquals(new CheckResult.Up("127.0.0.1:" + server.port() + ": 42"), check.run());
        }
    }

    @Test
    void aWrongPasswordFailsTheRunWithTheServersReason() {
        try (Check check = mysql(Duration.ofSeconds(5), "socket", server.socket().toString(), "password", "wrong")) {
            CheckResult result = check.run();
            CheckResult.Down down = assertInstanceOf(CheckResult.Down.class, result);
            assertTrue(down.reason().contains("Access denied"), down::reason);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aQueryThatOutlastsTheTimeoutFailsTheRunInTime() {
        try (Check check = mysql(Duration.ofSeconds(1), "socket", server.socket().toString(),
                "password", MariaDbServer.PASSWORD, "query", "SELECT SLEEP(10)")) {
            long start = System.nanoTime();
            CheckResult result = check.run();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            // SLEEP interrupted by the query timeout returns 1 rather than an error on some servers; either
            // way the run must end within the timeout and margin, and not report 0 (a completed sleep)
            assertTrue(tookMillis < 3_000, "took " + tookMillis + " ms");
            assertTrue(!(result instanceof CheckResult.Up up) || !up.detail().endsWith(": 0"), result::toString);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void settingsNameTheirKeyAndThePasswordIsSecret() {
        MysqlCheckFactory factory = new MysqlCheckFactory();
        assertEquals("mysql", factory.type());
        assertEquals(Set.of("password"), factory.secretKeys());
        assertTrue(factory.settingKeys().containsAll(Set.of("socket", "host", "port", "user", "password", "database", "query")));
        SettingsException both = assertThrows(SettingsException.class,
                () -> mysql(Duration.ofSeconds(1), "socket", "/run/mysqld/mysqld.sock", "host", "db1"));
        assertEquals("test.socket", both.keyPath());
        SettingsException neither = assertThrows(SettingsException.class, () -> mysql(Duration.ofSeconds(1)));
        assertEquals("test.host", neither.keyPath());
        assertThrows(SettingsException.class, () -> mysql(Duration.ofSeconds(1), "host", "db1", "port", 70000));
        MysqlCheck check = (MysqlCheck) mysql(Duration.ofSeconds(1), "host", "db1", "password", "hunter2");
        assertTrue(!check.url().contains("hunter2"), check.url());
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
        assertTrue(listed.toString().contains(MysqlCheckFactory.class.getName()), listed::toString);
    }

    /** Last: stops the server. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aStoppedServerFailsTheRun() throws Exception {
        try (Check check = overSocket()) {
            assertInstanceOf(CheckResult.Up.class, check.run());
            server.stop();
            assertInstanceOf(CheckResult.Down.class, check.run());
        }
    }
}
