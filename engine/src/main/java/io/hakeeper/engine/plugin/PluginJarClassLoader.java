package io.hakeeper.engine.plugin;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the plugin's own classes first (pf4j's default), except for the classes the
 * host and every plugin must share. pf4j shares only {@code org.pf4j}; a plugin jar that carried its own
 * copy of the api would then define a second {@code AuthMethodFactory} that the host cannot cast to, and
 * one that carried slf4j would log into a no-op binding. Those always come from the host, as does
 * {@code io.hakeeper.libc}, whose JNA binding must be made once, in the host's loader.
 */
final class PluginJarClassLoader extends PluginClassLoader {

    private static final String API_PACKAGE = "io.hakeeper.api.";
    private static final String SLF4J_PACKAGE = "org.slf4j.";
    /** Bound to libc once, in the host's loader: a plugin's own copy would pin its loader in JNA's cache. */
    private static final String LIBC_PACKAGE = "io.hakeeper.libc.";

    PluginJarClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
        super(manager, descriptor, host);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return className.startsWith(API_PACKAGE) || className.startsWith(SLF4J_PACKAGE)
                || className.startsWith(LIBC_PACKAGE) || super.shouldDelegateToParent(className);
    }
}
