package io.hakeeper.engine.config.model;

import io.hakeeper.api.Settings;

/**
 * A VRRPv2 instance's {@code authentication} table.
 *
 * @param authType the auth method type (PASS, AH), provided by a plugin
 * @param settings the table, as handed to the auth method's factory; holds the secret auth_pass
 */
public record Authentication(String authType, Settings settings) {

    @Override
    public String toString() {
        return "Authentication[authType=" + authType + ", auth_pass=****]";
    }
}
