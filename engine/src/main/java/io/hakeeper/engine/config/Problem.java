package io.hakeeper.engine.config;

import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;

/**
 * One thing wrong (or worth a warning) in a configuration file, with where it was written and which key
 * it is about.
 *
 * <p>{@link #toString()} is the form printed to operators, the compiler form editors jump to:
 * {@code FILE:LINE:COL: KEY.PATH: MESSAGE}, or {@code FILE:LINE:COL: warning: KEY.PATH: MESSAGE}.
 *
 * @param keyPath dotted path from the top of the file ({@code vrrp_instance.VI_1.priority}); empty for
 *                problems of the whole file (TOML syntax)
 * @param message what was expected and what was found
 */
public record Problem(Severity severity, SourcePosition position, String keyPath, String message) {

    public static Problem error(SourcePosition position, String keyPath, String message) {
        return new Problem(Severity.ERROR, position, keyPath, message);
    }

    public static Problem warning(SourcePosition position, String keyPath, String message) {
        return new Problem(Severity.WARNING, position, keyPath, message);
    }

    /** The error a settings getter (engine's or a plugin's) threw. */
    public static Problem of(SettingsException e) {
        return error(e.position(), e.keyPath(), e.problem());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String kind = severity == Severity.WARNING ? "warning: " : "";
        String path = keyPath.isEmpty() ? "" : keyPath + ": ";
        return position + ": " + kind + path + message;
    }
}
