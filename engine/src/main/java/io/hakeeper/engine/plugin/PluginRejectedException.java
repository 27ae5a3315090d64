package io.hakeeper.engine.plugin;

import org.pf4j.PluginRuntimeException;

/**
 * Thrown from inside pf4j's loading of one jar to stop it, carrying the problem as the operator should
 * read it; the plugin manager turns it into a {@link PluginProblem} for that jar.
 */
final class PluginRejectedException extends PluginRuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient PluginProblem.Kind kind;
    private final String pluginId;

    PluginRejectedException(PluginProblem.Kind kind, String pluginId, String cause) {
        super(cause);
        this.kind = kind;
        this.pluginId = pluginId;
    }

    PluginProblem.Kind kind() {
        return kind;
    }

    /** The Plugin-Id, or null when the manifest was never read. */
    String pluginId() {
        return pluginId;
    }
}
