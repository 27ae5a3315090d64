package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckFactory;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.PluginContext;
import io.hakeeper.api.Settings;
import io.hakeeper.engine.plugin.TypeRegistry;

/** How the loader calls a factory to validate: in the plugin's class loader, closing what it made. */
class PluginValidationTest {

    private static final ClassLoader PLUGIN_LOADER = new ClassLoader(PluginValidationTest.class.getClassLoader()) {
    };

    @Test
    void theFactoryRunsInThePluginsClassLoaderAndItsCheckIsClosed() {
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        AtomicReference<PluginContext> context = new AtomicReference<>();
        AtomicBoolean closed = new AtomicBoolean();
        CheckFactory factory = new Named("probe") {
            @Override
            public Check create(Settings settings, Duration timeout, PluginContext ctx) {
                seen.set(Thread.currentThread().getContextClassLoader());
                context.set(ctx);
                return new Check() {
                    @Override
                    public CheckResult run() {
                        return CheckResult.up();
                    }

                    @Override
                    public void close() {
                        closed.set(true);
                    }
                };
            }
        };
        ValidationReport report = Configs.validate("[global_defs]\nrouter_id = \"lb1\"\n[vrrp_script.p]\ntype = \"probe\"\n",
                registryWith(factory));
        assertTrue(report.ok(), Configs.messages(report).toString());
        assertEquals(PLUGIN_LOADER, seen.get());
        assertEquals("p", context.get().name());
        assertEquals("lb1", context.get().routerId());
        assertTrue(closed.get(), "what a factory makes to validate is closed again");
    }

    @Test
    void aFactoryThatThrowsIsReportedWithItsPluginId() {
        CheckFactory factory = new Named("broken") {
            @Override
            public Check create(Settings settings, Duration timeout, PluginContext ctx) {
                throw new IllegalStateException("boom");
            }
        };
        ValidationReport report = Configs.validate("[vrrp_script.b]\ntype = \"broken\"\n", registryWith(factory));
        assertEquals(List.of("test.toml:1:1: vrrp_script.b: plugin test-plugin failed to validate type broken:"
                + " java.lang.IllegalStateException: boom"), Configs.messages(report));
    }

    private static TypeRegistry registryWith(CheckFactory factory) {
        TypeRegistry.Builder builder = TypeRegistry.builder();
        builder.register(CheckFactory.class, "test-plugin", factory, PLUGIN_LOADER);
        builder.register(io.hakeeper.api.VipBackendFactory.class, "vip", new FakePlugins.FakeVipBackend("netlink"), PLUGIN_LOADER);
        builder.register(io.hakeeper.api.AnnouncerFactory.class, "garp", new FakePlugins.FakeAnnouncer("packet"), PLUGIN_LOADER);
        return builder.build();
    }

    private abstract static class Named implements CheckFactory {
        private final String type;

        Named(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }
    }
}
