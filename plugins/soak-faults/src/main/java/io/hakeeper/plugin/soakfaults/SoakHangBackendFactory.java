package io.hakeeper.plugin.soakfaults;

import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VipBackendFactory;
import io.hakeeper.plugin.vipiproute2.IpRoute2BackendFactory;

/**
 * {@code vip_backend = "soak-hang"}: the iproute2 backend, except that one call hangs when the chaos soak
 * asks for it. The soak writes an address into {@value SoakHangBackend#TRIGGER_FILE} beside the
 * configuration file; the next call for that address removes the file and sleeps for
 * {@value SoakHangBackend#HANG_SECONDS} seconds (or until interrupted) before doing its work.
 */
@Extension
public final class SoakHangBackendFactory implements VipBackendFactory {

    @Override
    public String type() {
        return "soak-hang";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of();
    }

    @Override
    public VipBackend create(Settings settings, PluginContext context) {
        return new SoakHangBackend(new IpRoute2BackendFactory().create(settings, context),
                context.configDirectory().resolve(SoakHangBackend.TRIGGER_FILE));
    }
}
