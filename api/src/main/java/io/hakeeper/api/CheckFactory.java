package io.hakeeper.api;

import java.time.Duration;

import org.pf4j.ExtensionPoint;

/**
 * Contributes a health-check type: {@code [vrrp_script.NAME]} with {@code type = "<type()>"}.
 *
 * <p>The engine owns the keys every check has ({@code type}, {@code interval}, {@code timeout},
 * {@code weight}, {@code rise}, {@code fall}, {@code init_fail}, {@code user}, and {@code script}, which
 * makes a table the check type {@code "script"}); any other key of the table must be listed by
 * {@link #settingKeys()}. The factory is handed the whole table and validates its own keys in
 * {@link #create}.
 */
public interface CheckFactory extends ExtensionPoint, TypeFactory {

    /**
     * Build a check from its settings.
     *
     * @param settings the check's table
     * @param timeout  how long one run may take before the engine interrupts it
     * @throws SettingsException when a setting is missing or wrong
     */
    Check create(Settings settings, Duration timeout, PluginContext context);
}
