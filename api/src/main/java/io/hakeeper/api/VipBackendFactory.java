package io.hakeeper.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes a VIP backend, chosen by {@code global_defs.vip_backend}.
 */
public interface VipBackendFactory extends ExtensionPoint, TypeFactory {

    /**
     * @throws SettingsException when a setting is missing or wrong
     */
    VipBackend create(Settings settings, PluginContext context);
}
