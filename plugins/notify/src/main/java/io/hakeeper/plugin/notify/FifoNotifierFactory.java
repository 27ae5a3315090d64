package io.hakeeper.plugin.notify;

import java.nio.file.Path;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.NotifierFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * The {@code fifo} notifier: keepalived's vrrp_notify_fifo. {@code path} names the FIFO (relative paths
 * from the configuration's directory); it is created with mode 0600 when it does not exist.
 */
@Extension
public final class FifoNotifierFactory implements NotifierFactory {

    static final String PATH = "path";

    @Override
    public String type() {
        return "fifo";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(PATH);
    }

    @Override
    public Notifier create(Settings settings, PluginContext context) {
        String written = settings.string(PATH);
        if (written.isBlank()) {
            throw settings.invalid(PATH, "expected the path of a FIFO, got an empty string");
        }
        Path path = context.configDirectory() == null ? Path.of(written) : context.configDirectory().resolve(written);
        return new FifoNotifier(path);
    }
}
