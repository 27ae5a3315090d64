package io.hakeeper.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of one table of the configuration, handed to a factory with the keys it owns.
 *
 * <p>Every getter that finds a missing or ill-typed value throws a {@link SettingsException} naming the
 * key path and the source position; a factory lets it propagate and the engine reports it with every
 * other error of the file. Numbers are checked against the range the caller gives. Durations are written
 * in seconds, as keepalived does, and may be fractional ({@code timeout = 2.5}).
 */
public interface Settings {

    /** The dotted path of this table, for example {@code vrrp_script.chk_grafana}. */
    String path();

    /** Where this table begins; used for errors about keys that are missing. */
    SourcePosition position();

    /** The keys present in this table, in the order they were written. */
    Set<String> keys();

    /** Whether the key is present. */
    boolean has(String key);

    /** Where the key was written, or this table's position if it is absent. */
    SourcePosition position(String key);

    /** A required string. */
    String string(String key);

    /** An optional string. */
    Optional<String> optionalString(String key);

    /** A string, or the default when absent. */
    default String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A required integer within {@code [min, max]}. */
    long integer(String key, long min, long max);

    /** An integer within {@code [min, max]}, or the default when absent. */
    default long integer(String key, long defaultValue, long min, long max) {
        return has(key) ? integer(key, min, max) : defaultValue;
    }

    /** A required number (integer or decimal) within {@code [min, max]}. */
    double number(String key, double min, double max);

    /** A number within {@code [min, max]}, or the default when absent. */
    default double number(String key, double defaultValue, double min, double max) {
        return has(key) ? number(key, min, max) : defaultValue;
    }

    /** A flag ({@code true} / {@code false}), or the default when absent. */
    boolean flag(String key, boolean defaultValue);

    /** A duration written in seconds, within {@code [min, max]}, or the default when absent. */
    Duration seconds(String key, Duration defaultValue, Duration min, Duration max);

    /** A list of strings (a single string counts as a list of one); empty when absent. */
    List<String> strings(String key);

    /** A nested table, when present. */
    Optional<Settings> table(String key);

    /**
     * An error about {@code key} with this view's path and the key's position, for checks the getters
     * cannot express ({@code "expected an http:// or https:// URL"}). Throw what it returns.
     */
    SettingsException invalid(String key, String expected);
}
