package io.hakeeper.engine.config;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.hakeeper.api.AdvertLayout;
import io.hakeeper.api.Announcer;
import io.hakeeper.api.AnnouncerFactory;
import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.api.AuthVerdict;
import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VipBackendFactory;
import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * Small in-test factories registered in the real {@link TypeRegistry}, standing in for the plugins that
 * arrive in later issues. They validate as real factories do: in create, through the settings view.
 */
final class FakePlugins {

    private FakePlugins() {
    }

    /**
     * Every fake type: auth PASS, checks script and tcp, VIP backends netlink and iproute2, announcers
     * packet and pcap4j.
     */
    static TypeRegistry all() {
        TypeRegistry.Builder builder = TypeRegistry.builder();
        ClassLoader loader = FakePlugins.class.getClassLoader();
        builder.register(AuthMethodFactory.class, "auth", new PassAuth(), loader);
        builder.register(CheckFactory.class, "checks", new ScriptCheck(), loader);
        builder.register(CheckFactory.class, "checks", new TcpCheck(), loader);
        builder.register(VipBackendFactory.class, "vip-iproute2", new FakeVipBackend("netlink"), loader);
        builder.register(VipBackendFactory.class, "vip-iproute2", new FakeVipBackend("iproute2"), loader);
        builder.register(AnnouncerFactory.class, "garp-pcap4j", new FakeAnnouncer("packet"), loader);
        builder.register(AnnouncerFactory.class, "garp-pcap4j", new FakeAnnouncer("pcap4j"), loader);
        return builder.build();
    }

    /** Only an AH auth type and the script check: what a tree without the auth plugin's PASS would offer. */
    static TypeRegistry withAuthTypes(AuthMethodFactory... auth) {
        TypeRegistry.Builder builder = TypeRegistry.builder();
        ClassLoader loader = FakePlugins.class.getClassLoader();
        for (AuthMethodFactory factory : auth) {
            builder.register(AuthMethodFactory.class, "auth", factory, loader);
        }
        builder.register(CheckFactory.class, "checks", new ScriptCheck(), loader);
        builder.register(VipBackendFactory.class, "vip-iproute2", new FakeVipBackend("netlink"), loader);
        builder.register(VipBackendFactory.class, "vip-iproute2", new FakeVipBackend("iproute2"), loader);
        builder.register(AnnouncerFactory.class, "garp-pcap4j", new FakeAnnouncer("packet"), loader);
        builder.register(AnnouncerFactory.class, "garp-pcap4j", new FakeAnnouncer("pcap4j"), loader);
        return builder.build();
    }

    static final class PassAuth implements AuthMethodFactory {
        @Override
        public String type() {
            return "PASS";
        }

        @Override
        public Set<String> secretKeys() {
            return Set.of("auth_pass");
        }

        @Override
        public AuthMethod create(Settings settings, PluginContext context) {
            settings.string("auth_pass");
            return new NoAuth(1);
        }
    }

    static final class AhAuth implements AuthMethodFactory {
        @Override
        public String type() {
            return "AH";
        }

        @Override
        public AuthMethod create(Settings settings, PluginContext context) {
            return new NoAuth(2);
        }
    }

    private record NoAuth(int authType) implements AuthMethod {
        @Override
        public int ipProtocol() {
            return 112;
        }

        @Override
        public int headerLength() {
            return 0;
        }

        @Override
        public void seal(ByteBuffer packet, AdvertLayout layout) {
        }

        @Override
        public AuthVerdict verify(ByteBuffer packet, AdvertLayout layout) {
            return AuthVerdict.ACCEPTED;
        }
    }

    static final class ScriptCheck implements CheckFactory {
        @Override
        public String type() {
            return "script";
        }

        @Override
        public Check create(Settings settings, Duration timeout, PluginContext context) {
            settings.string("script");
            return CheckResult::up;
        }
    }

    /** A typed check with keys of its own, one of them validated: connect_port from 1 to 65535. */
    static final class TcpCheck implements CheckFactory {
        @Override
        public String type() {
            return "tcp";
        }

        @Override
        public Set<String> settingKeys() {
            return Set.of("connect_ip", "connect_port");
        }

        @Override
        public Check create(Settings settings, Duration timeout, PluginContext context) {
            settings.string("connect_ip");
            settings.integer("connect_port", 1, 65535);
            return CheckResult::up;
        }
    }

    /** A VIP backend type of the vip-iproute2 plugin whose calls do nothing. */
    static final class FakeVipBackend implements VipBackendFactory {
        private final String type;

        FakeVipBackend(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public VipBackend create(Settings settings, PluginContext context) {
            return new VipBackend() {
                @Override
                public void addAddress(String interfaceName, VirtualAddress address) {
                }

                @Override
                public void removeAddress(String interfaceName, VirtualAddress address) {
                }

                @Override
                public List<VirtualAddress> listAddresses(String interfaceName) {
                    return List.of();
                }

                @Override
                public void addRoute(VirtualRoute route) {
                }

                @Override
                public void removeRoute(VirtualRoute route) {
                }
            };
        }
    }

    static final class FakeAnnouncer implements AnnouncerFactory {
        private final String type;

        FakeAnnouncer(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Announcer create(Settings settings, PluginContext context) {
            return (interfaceName, addresses) -> {
            };
        }
    }
}
