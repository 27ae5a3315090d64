package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;

/**
 * One connect per run. The name is resolved each run, so a changed DNS entry is followed. The connect
 * timeout is the check's own timeout: a blocking connect does not notice the engine's interrupt, so it must
 * end by itself no later than the engine gives up on it.
 */
final class TcpCheck implements Check {

    private final String host;
    private final int port;
    private final int timeoutMillis;

    TcpCheck(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public CheckResult run() {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return CheckResult.down("cannot resolve " + host);
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            return CheckResult.up("connected to " + host + ":" + port);
        } catch (IOException e) {
            return CheckResult.down("connect to " + host + ":" + port + ": " + e.getMessage());
        }
    }
}
