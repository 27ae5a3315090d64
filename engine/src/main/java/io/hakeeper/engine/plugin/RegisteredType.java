package io.hakeeper.engine.plugin;

import java.util.function.Function;

import io.hakeeper.api.TypeFactory;

/**
 * A type some plugin contributes: its factory, the plugin it came from, and the class loader to make
 * current whenever plugin code runs.
 */
public record RegisteredType<F extends TypeFactory>(String type, String pluginId, F factory,
                                                    ClassLoader classLoader) {

    /** Calls into the factory with the plugin's class loader as the thread's context class loader. */
    public <R> R call(Function<F, R> call) {
        return PluginCalls.withContextLoader(classLoader, () -> call.apply(factory));
    }

    /**
     * As {@link #call}, for making the object a running daemon needs: whatever the plugin throws comes
     * back as a {@link PluginStartException} naming {@code role}, the type and the plugin.
     */
    public <R> R make(String role, Function<F, R> call) {
        try {
            return call(call);
        } catch (RuntimeException | LinkageError e) {
            throw new PluginStartException(role + " \"" + type + "\" of plugin " + pluginId + " failed to start: " + e, e);
        }
    }
}
