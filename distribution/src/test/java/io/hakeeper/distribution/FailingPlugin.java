package io.hakeeper.distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.hakeeper.api.AuthMethodFactory;
import io.hakeeper.api.VipBackendFactory;

/**
 * A plugin that breaks where a configuration check cannot see it: in the daemon. Its types:
 * <ul>
 *   <li>VIP backend {@code exploding}: {@code create} throws (the check never makes a VIP backend);</li>
 *   <li>auth type {@code FAILSTART}: {@code create} passes the configuration check and throws when the daemon
 *   makes the instance's method (a plugin needing something that is missing only at run time);</li>
 *   <li>VIP backend {@code hanging}: adds and removes with {@code ip addr}, except that every call for
 *   {@value #HUNG_VIP} hangs for good, deaf to interrupts (a call stuck in the kernel or on a lock).</li>
 * </ul>
 */
final class FailingPlugin {

    static final String ID = "failing";
    static final String EXPLODING_BACKEND = "exploding";
    static final String FAILSTART_AUTH = "FAILSTART";
    static final String HANGING_BACKEND = "hanging";
    static final String HUNG_VIP = "192.0.2.66";

    private FailingPlugin() {
    }

    /** Compiles the plugin into {@code tree}'s plugins/. */
    static Path installIn(Path tree) throws IOException {
        Path plugins = tree.resolve("plugins");
        return PluginJars.compiled(tree, plugins, ID, "test.plugin.failing", Map.of(
                "ExplodingBackendFactory", """
                        @org.pf4j.Extension
                        public class ExplodingBackendFactory implements io.hakeeper.api.VipBackendFactory {
                            public String type() { return "exploding"; }
                            public io.hakeeper.api.VipBackend create(io.hakeeper.api.Settings settings,
                                                                    io.hakeeper.api.PluginContext context) {
                                throw new IllegalStateException("exploding backend: no such device /dev/vips");
                            }
                        }
                        """,
                "FailStartAuthFactory", """
                        @org.pf4j.Extension
                        public class FailStartAuthFactory implements io.hakeeper.api.AuthMethodFactory {
                            public String type() { return "FAILSTART"; }
                            public io.hakeeper.api.AuthMethod create(io.hakeeper.api.Settings settings,
                                                                    io.hakeeper.api.PluginContext context) {
                                if (context.name().equals("vrrp_instance")) {
                                    throw new IllegalStateException("FAILSTART: key store unreadable");
                                }
                                return new io.hakeeper.api.AuthMethod() {
                                    public int authType() { return 1; }
                                    public int ipProtocol() { return 112; }
                                    public int headerLength() { return 0; }
                                    public void seal(java.nio.ByteBuffer packet, io.hakeeper.api.AdvertLayout layout) { }
                                    public io.hakeeper.api.AuthVerdict verify(java.nio.ByteBuffer packet,
                                                                              io.hakeeper.api.AdvertLayout layout) {
                                        return io.hakeeper.api.AuthVerdict.ACCEPTED;
                                    }
                                };
                            }
                        }
                        """,
                "HangingBackendFactory", """
                        @org.pf4j.Extension
                        public class HangingBackendFactory implements io.hakeeper.api.VipBackendFactory {
                            public String type() { return "hanging"; }
                            public io.hakeeper.api.VipBackend create(io.hakeeper.api.Settings settings,
                                                                    io.hakeeper.api.PluginContext context) {
                                return new HangingBackend();
                            }
                        }
                        """,
                "HangingBackend", """
                        public class HangingBackend implements io.hakeeper.api.VipBackend {
                            public void addAddress(String device, io.hakeeper.api.VirtualAddress vip) throws Exception {
                                ip("add", device, vip);
                            }
                            public void removeAddress(String device, io.hakeeper.api.VirtualAddress vip) throws Exception {
                                ip("del", device, vip);
                            }
                            public java.util.List<io.hakeeper.api.VirtualAddress> listAddresses(String device) {
                                return java.util.List.of();
                            }
                            public void addRoute(io.hakeeper.api.VirtualRoute route) { }
                            public void removeRoute(io.hakeeper.api.VirtualRoute route) { }

                            private static void ip(String verb, String device, io.hakeeper.api.VirtualAddress vip)
                                    throws Exception {
                                if (vip.address().getHostAddress().equals("%s")) {
                                    while (true) {
                                        try {
                                            Thread.sleep(Long.MAX_VALUE);
                                        } catch (InterruptedException deaf) {
                                            // hangs on, whatever the engine does
                                        }
                                    }
                                }
                                // adding one present or removing one absent fails: the same outcome, so ignored
                                new ProcessBuilder("ip", "addr", verb, vip.cidr(), "dev", device).inheritIO()
                                        .start().waitFor();
                            }
                        }
                        """.formatted(HUNG_VIP)),
                Map.of(VipBackendFactory.class, List.of("ExplodingBackendFactory", "HangingBackendFactory"),
                        AuthMethodFactory.class, List.of("FailStartAuthFactory")));
    }
}
