package io.hakeeper.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes an announcer, chosen by {@code global_defs.announcer}.
 */
public interface AnnouncerFactory extends ExtensionPoint, TypeFactory {

    /**
     * @throws SettingsException when a setting is missing or wrong
     */
    Announcer create(Settings settings, PluginContext context);
}
