package io.hakeeper.api;

/**
 * A setting is missing or wrong. Carries the full key path ({@code vrrp_script.chk_db.timeout}) and the
 * source position, so the operator is told exactly which line to fix; the message says what was expected.
 *
 * <p>Plugins obtain one from {@link Settings#invalid(String, String)} rather than constructing it, so
 * that path and position are always filled in.
 */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String keyPath;
    private final SourcePosition position;
    private final String problem;

    public SettingsException(String keyPath, SourcePosition position, String problem) {
        super(position + ": " + keyPath + ": " + problem);
        this.keyPath = keyPath;
        this.position = position;
        this.problem = problem;
    }

    /** The dotted path of the offending key, from the top of the file. */
    public String keyPath() {
        return keyPath;
    }

    /** Where the key (or, for a missing key, its table) was written. */
    public SourcePosition position() {
        return position;
    }

    /** What was wrong and what was expected, without the position and path prefix. */
    public String problem() {
        return problem;
    }
}
