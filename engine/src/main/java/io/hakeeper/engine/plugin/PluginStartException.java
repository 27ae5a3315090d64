package io.hakeeper.engine.plugin;

/** A plugin threw while making what the daemon needs to start; the message names the type and the plugin. */
public final class PluginStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
