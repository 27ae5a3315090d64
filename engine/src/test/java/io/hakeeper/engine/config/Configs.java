package io.hakeeper.engine.config;

import java.nio.file.Path;
import java.util.List;

import io.hakeeper.engine.plugin.TypeRegistry;

/** Validates TOML text as the file {@code test.toml} on a host whose interfaces are eth0 to eth9. */
final class Configs {

    static final String FILE = "test.toml";

    private Configs() {
    }

    static ValidationReport validate(String toml) {
        return validate(toml, FakePlugins.all());
    }

    static ValidationReport validate(String toml, TypeRegistry registry) {
        return ConfigParser.parse(toml, FILE, Path.of("/etc/hakeeper"))
                .validate(registry, name -> name.matches("eth[0-9]"));
    }

    /** The text of every problem, as an operator would see it. */
    static List<String> messages(ValidationReport report) {
        return report.problems().stream().map(Problem::toString).toList();
    }

    /** A minimal valid instance, to which a test appends the keys it is about. */
    static final String INSTANCE = """
            [vrrp_instance.VI_1]
            interface = "eth1"
            virtual_router_id = 51
            virtual_ipaddress = ["192.168.200.17/24"]
            """;
}
