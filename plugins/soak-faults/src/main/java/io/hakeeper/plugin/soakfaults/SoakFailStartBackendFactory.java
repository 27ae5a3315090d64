package io.hakeeper.plugin.soakfaults;

import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VipBackendFactory;

/**
 * {@code vip_backend = "soak-fail-start"}: a configuration naming it is valid (the type is loaded), but a
 * daemon cannot start with it, because the backend cannot be made. The chaos soak reloads to it to
 * exercise a reload whose replacement fails at start.
 */
@Extension
public final class SoakFailStartBackendFactory implements VipBackendFactory {

    @Override
    public String type() {
        return "soak-fail-start";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of();
    }

    @Override
    public VipBackend create(Settings settings, PluginContext context) {
        throw new IllegalStateException("soak-fail-start: this VIP backend fails at start, as the soak asked");
    }
}
