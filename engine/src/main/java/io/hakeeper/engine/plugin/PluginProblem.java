package io.hakeeper.engine.plugin;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Something wrong with one plugin jar (or with the plugin directory itself), found while loading. The
 * other plugins load regardless; the main reports these to the operator and {@code ha-admin plugins}
 * lists them, because pf4j on its own would only have logged them.
 *
 * @param jar      the jar concerned, or the plugin directory for {@link Kind#NO_PLUGIN_DIR}
 * @param pluginId the jar's {@code Plugin-Id}, when the manifest could be read
 * @param kind     what went wrong
 * @param cause    what went wrong, in one line, for the operator
 */
public record PluginProblem(Path jar, Optional<String> pluginId, Kind kind, String cause) {

    /** The kinds of trouble a plugin can be in. */
    public enum Kind {
        /** The plugin directory does not exist or is not a directory. */
        NO_PLUGIN_DIR,
        /** Not a readable jar, or its manifest does not name a plugin (Plugin-Id, Plugin-Version). */
        UNREADABLE,
        /** Another jar already has this Plugin-Id; this one is not loaded. */
        DUPLICATE_ID,
        /** Plugin-Requires does not admit this hakeeper version; loaded but not started. */
        INCOMPATIBLE,
        /** Plugin-Dependencies name plugins that are not there; not loaded. */
        UNRESOLVED,
        /** The plugin's {@code Plugin.start()} threw; its extensions are not used. */
        START_FAILED,
        /** One of the plugin's factories could not be created or could not say its type. */
        EXTENSION_FAILED,
        /** The plugin lists no factory for any hakeeper extension point. */
        NO_EXTENSIONS,
        /** The plugin provides a type another plugin already provides; the first one keeps it. */
        DUPLICATE_TYPE,
        /**
         * Someone other than root can replace the jar (it, or a directory above it, is writable by them or
         * owned by them): not loaded under enable_script_security, else loaded with this warning.
         */
        INSECURE
    }

    public PluginProblem {
        if (cause.contains("\n")) {
            throw new IllegalArgumentException("a problem's cause is one line: " + cause);
        }
    }

    static PluginProblem of(Path jar, String pluginId, Kind kind, String cause) {
        return new PluginProblem(jar, Optional.ofNullable(pluginId), kind, cause);
    }

    /** {@code plugins/b.jar (plugin beta): auth type PASS is also provided by plugin alpha, which keeps it}. */
    public String message() {
        return jar + pluginId.map(id -> " (plugin " + id + ")").orElse("") + ": " + cause;
    }

    @Override
    public String toString() {
        return message();
    }

    /** The root cause of a failure as one line: its class and the first line of its message. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message.lines().findFirst().orElse("");
    }
}
