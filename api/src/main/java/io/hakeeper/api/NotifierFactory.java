package io.hakeeper.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes a notify-action type (script, fifo, smtp, ...).
 */
public interface NotifierFactory extends ExtensionPoint, TypeFactory {

    /**
     * Build a notifier from its settings.
     *
     * @throws SettingsException when a setting is missing or wrong
     */
    Notifier create(Settings settings, PluginContext context);
}
