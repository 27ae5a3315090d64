package io.hakeeper.plugin.notify;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.NotifierFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * The {@code smtp} notifier: keepalived's smtp_alert. Its keys are keepalived's global_defs names:
 * {@code smtp_server} (host), {@code smtp_port}, {@code smtp_connect_timeout},
 * {@code notification_email} (the recipients) and {@code notification_email_from}. The router id in the
 * subject is the context's.
 */
@Extension
public final class SmtpNotifierFactory implements NotifierFactory {

    static final String SERVER = "smtp_server";
    static final String PORT = "smtp_port";
    static final String CONNECT_TIMEOUT = "smtp_connect_timeout";
    static final String TO = "notification_email";
    static final String FROM = "notification_email_from";

    @Override
    public String type() {
        return "smtp";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(SERVER, PORT, CONNECT_TIMEOUT, TO, FROM);
    }

    @Override
    public Notifier create(Settings settings, PluginContext context) {
        String host = settings.string(SERVER);
        int port = (int) settings.integer(PORT, 25, 1, 65535);
        Duration timeout = settings.seconds(CONNECT_TIMEOUT, Duration.ofSeconds(30), Duration.ofMillis(1),
                Duration.ofSeconds(4294));
        List<String> to = settings.strings(TO);
        if (to.isEmpty()) {
            throw settings.invalid(TO, "expected at least one address to send alerts to");
        }
        String from = settings.string(FROM);
        // Unresolved: resolving is a DNS lookup, which belongs on the worker thread at send time.
        InetSocketAddress server = InetSocketAddress.createUnresolved(host, port);
        return new SmtpNotifier(context.routerId(), from, to, new SmtpServerAddress(server, timeout));
    }
}
