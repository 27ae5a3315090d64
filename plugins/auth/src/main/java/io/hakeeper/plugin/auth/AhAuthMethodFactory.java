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
 * VRRPv2 IPsec AH authentication (RFC 2338 section 5.3.6.2, auth type 2), as keepalived's
 * {@code auth_type AH}: adverts travel as IP protocol 51 with an HMAC-MD5-96 over the packet, keyed by
 * the zero-padded {@code auth_pass}. Unlike PASS the password never travels, and replayed adverts are
 * refused; see {@link AhAuthMethod} for the exact bytes. IPv4 only, as in keepalived.
 */
@Extension
public final class AhAuthMethodFactory implements AuthMethodFactory {

    static final String TYPE = "AH";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(PassAuthMethodFactory.AUTH_TYPE, PassAuthMethodFactory.AUTH_PASS);
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of(PassAuthMethodFactory.AUTH_PASS);
    }

    /** Validates {@code auth_pass}; the method precomputes the HMAC pads from it. */
    @Override
    public AuthMethod create(Settings settings, PluginContext context) {
        String password = settings.string(PassAuthMethodFactory.AUTH_PASS);
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > AhAuthMethod.KEY_LENGTH) {
            throw settings.invalid(PassAuthMethodFactory.AUTH_PASS,
                    "expected 1 to 8 characters (at most 8 bytes in UTF-8)");
        }
        // keepalived keys HMAC-MD5 with its 8-byte auth_data: the password zero-padded to 8
        byte[] key = Arrays.copyOf(bytes, AhAuthMethod.KEY_LENGTH);
        try {
            return new AhAuthMethod(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
