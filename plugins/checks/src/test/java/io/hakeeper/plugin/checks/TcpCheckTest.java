package io.hakeeper.plugin.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.SettingsException;

class TcpCheckTest {

    private Check check(Object... keysAndValues) {
        return Checks.create(new TcpCheckFactory(), MapSettings.of(keysAndValues), Path.of("/"));
    }

    @Test
    void upWhileSomethingListensAndDownOnceItStops() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             Check check = check("host", "127.0.0.1", "port", (long) listener.getLocalPort())) {
            port = listener.getLocalPort();
            assertEquals(CheckResult.up("connected to 127.0.0.1:" + port), check.run());
        }
        try (Check check = check("port", (long) port)) {
            assertInstanceOf(CheckResult.Down.class, check.run());
        }
    }

    @Test
    void aPortIsRequiredAndInRange() {
        assertThrows(SettingsException.class, () -> check("host", "127.0.0.1"));
        assertThrows(SettingsException.class, () -> check("port", 70000L));
    }
}
