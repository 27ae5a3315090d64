package io.hakeeper.plugin.checks;

import java.time.Duration;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * {@code type = "tcp"}: up when a TCP connection to {@code host}:{@code port} is accepted within the check's
 * timeout; the connection is closed at once. What keepalived users write as
 * {@code script "</dev/tcp/127.0.0.1/80"}, without a shell.
 */
@Extension
public final class TcpCheckFactory implements CheckFactory {

    static final String TYPE = "tcp";
    static final String HOST = "host";
    static final String PORT = "port";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(HOST, PORT);
    }

    @Override
    public Check create(Settings settings, Duration timeout, PluginContext context) {
        String host = settings.string(HOST, "127.0.0.1");
        if (host.isBlank()) {
            throw settings.invalid(HOST, "expected a host name or address");
        }
        int port = (int) settings.integer(PORT, 1, 65535);
        return new TcpCheck(host, port, timeout);
    }
}
