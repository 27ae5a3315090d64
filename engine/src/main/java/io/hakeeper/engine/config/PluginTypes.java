package io.hakeeper.engine.config;

import java.util.Optional;
import java.util.function.Function;

import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;
import io.hakeeper.api.TypeFactory;
import io.hakeeper.engine.plugin.ExtensionKind;
import io.hakeeper.engine.plugin.RegisteredType;
import io.hakeeper.engine.plugin.TypeRegistry;

/**
 * Where the configuration meets the loaded plugins: finds the type a key names (or reports the types that
 * are available), and lets the type's factory validate its settings by creating the object and closing it
 * again, as {@link TypeFactory} promises is harmless.
 */
final class PluginTypes {

    private final TypeRegistry registry;
    private final ProblemLog log;

    PluginTypes(TypeRegistry registry, ProblemLog log) {
        this.registry = registry;
        this.log = log;
    }

    /** The registered type, or empty after reporting which types are available. */
    <F extends TypeFactory> Optional<RegisteredType<F>> find(Class<F> point, String type, String path,
                                                               SourcePosition position) {
        Optional<RegisteredType<F>> found = registry.find(point, type);
        if (found.isEmpty()) {
            log.error(position, path, missingMessage(point, type));
        }
        return found;
    }

    /** {@code no auth type PASS is provided by a loaded plugin; available: AH} (or {@code available: none}). */
    String missingMessage(Class<? extends TypeFactory> point, String type) {
        String available = registry.types(point).isEmpty() ? "none" : String.join(", ", registry.types(point));
        return "no " + ExtensionKind.of(point).noun() + " type " + type + " is provided by a loaded plugin; available: "
                + available;
    }

    boolean provides(Class<? extends TypeFactory> point, String type) {
        return registry.find(point, type).isPresent();
    }

    /**
     * Asks the factory to build the object from its settings, which is how a factory validates; the object
     * is closed at once. A {@link SettingsException} becomes a problem; any other failure is the plugin's
     * fault and is reported against the table with the plugin's id.
     */
    <F extends TypeFactory> void validate(RegisteredType<F> type, Function<F, Object> create, String path,
                                         SourcePosition position) {
        try {
            Object made = type.call(create);
            if (made instanceof AutoCloseable closeable) {
                type.call(f -> {
                    closeQuietly(closeable);
                    return null;
                });
            }
        } catch (SettingsException e) {
            log.add(Problem.of(e));
        } catch (RuntimeException e) {
            log.error(position, path, "plugin " + type.pluginId() + " failed to validate type " + type.type()
                    + ": " + e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Validation is over; an object that cannot close what it never opened is not a config error.
        }
    }
}
