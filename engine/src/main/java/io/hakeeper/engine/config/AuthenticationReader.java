package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.InstanceSchema.*;

import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.api.PluginContext;
import io.hakeeper.engine.config.model.Authentication;
import io.hakeeper.engine.config.model.Family;
import io.hakeeper.engine.plugin.RegisteredType;

/**
 * Reads an instance's {@code authentication = { auth_type, auth_pass }}. Authentication exists only in
 * VRRPv2 over IPv4 (RFC 3768; RFC 5798 removed it), and the auth type must come from a loaded plugin,
 * whose factory then validates the table.
 */
final class AuthenticationReader {

    /** The VRRPv2 authentication data field holds 8 octets. */
    static final int MAX_PASS_LENGTH = 8;

    private AuthenticationReader() {
    }

    static Optional<Authentication> read(SectionReader instance, int version, Family family, PluginTypes plugins,
                                         PluginContext context) {
        Optional<TomlSettings> table = instance.log()
                .attempt(() -> instance.settings().optionalTable(AUTHENTICATION.name()).orElse(null));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        if (version != 2) {
            instance.error(AUTHENTICATION, "expected no authentication with VRRP version " + version
                    + " (authentication exists only in VRRPv2)");
        }
        if (family == Family.IPV6) {
            instance.error(AUTHENTICATION, "expected no authentication on an IPv6 instance"
                    + " (authentication exists only for IPv4)");
        }
        SectionReader in = new SectionReader(table.get(), instance.log());
        Optional<String> type = in.string(AUTH_TYPE);
        boolean passOk = in.string(AUTH_PASS).map(pass -> {
            if (pass.length() > MAX_PASS_LENGTH) {
                // Never echo the secret itself.
                in.error(AUTH_PASS, "expected at most " + MAX_PASS_LENGTH + " characters, got " + pass.length());
                return false;
            }
            return true;
        }).orElse(false);
        Optional<RegisteredType<AuthMethodFactory>> method = type.flatMap(t -> plugins.find(AuthMethodFactory.class,
                t, table.get().pathOf(AUTH_TYPE.name()), table.get().position(AUTH_TYPE.name())));
        Set<String> pluginKeys = method.map(m -> m.call(AuthMethodFactory::settingKeys)).orElse(Set.of());
        KeyCheck.check(table.get(), AUTHENTICATION_SECTION, pluginKeys, in.log());
        if (method.isPresent() && passOk) {
            plugins.validate(method.get(), f -> f.create(table.get(), context), table.get().path(),
                    table.get().position());
        }
        return type.map(t -> new Authentication(t, table.get()));
    }
}
