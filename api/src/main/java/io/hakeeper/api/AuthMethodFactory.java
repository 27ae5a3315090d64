package io.hakeeper.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes a VRRPv2 auth method, named by {@code authentication.auth_type} ({@code "PASS"},
 * {@code "AH"}). The settings are the instance's {@code authentication} table; the engine has already
 * checked that {@code auth_pass} is present and at most 8 characters.
 */
public interface AuthMethodFactory extends ExtensionPoint, TypeFactory {

    /**
     * @throws SettingsException when a setting is missing or wrong
     */
    AuthMethod create(Settings settings, PluginContext context);
}
