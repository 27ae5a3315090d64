package io.hakeeper.plugin.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import org.pf4j.Extension;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;

/**
 * VRRPv2 simple text password authentication (RFC 2338 section 5.3.6.1, auth type 1), as keepalived's
 * {@code auth_type PASS}: the password, zero-padded to 8 bytes, travels in the clear in the advert's
 * authentication data. It keeps out misconfigured neighbours, not attackers.
 */
@Extension
public final class PassAuthMethodFactory implements AuthMethodFactory {

    static final String TYPE = "PASS";
    static final String AUTH_TYPE = "auth_type";
    static final String AUTH_PASS = "auth_pass";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(AUTH_TYPE, AUTH_PASS);
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of(AUTH_PASS);
    }

    /** Validates {@code auth_pass} and precomputes the 8 bytes every advert carries. */
    @Override
    public AuthMethod create(Settings settings, PluginContext context) {
        String password = settings.string(AUTH_PASS);
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > PassAuthMethod.AUTH_DATA_LENGTH) {
            throw settings.invalid(AUTH_PASS, "expected 1 to 8 characters (at most 8 bytes in UTF-8)");
        }
        // zero padding, as RFC 2338 and keepalived: a shorter password is compared on all 8 bytes
        return new PassAuthMethod(Arrays.copyOf(bytes, PassAuthMethod.AUTH_DATA_LENGTH));
    }
}
