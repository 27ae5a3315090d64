package io.hakeeper.engine.plugin;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The one place that makes a plugin's class loader the thread's context class loader around a call into
 * plugin code, so that libraries inside a plugin which look up resources or services through the context
 * loader (JDBC drivers, JAXP, ServiceLoader) find the plugin's own.
 */
public final class PluginCalls {

    private PluginCalls() {
    }

    public static <R> R withContextLoader(ClassLoader loader, Supplier<R> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static <R> R withContextLoaderChecked(ClassLoader loader, Callable<R> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
