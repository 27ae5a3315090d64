package io.hakeeper.engine.config;

import java.util.Optional;

/**
 * One accepted key of one section: the single description that both the loader (which keys exist, their
 * range and default) and the reference table in docs/configuration.md are held to.
 *
 * @param name         the key as written in TOML, keepalived's keyword where there is one
 * @param type         the shape of its value
 * @param min          lower bound for integers and seconds (NaN when unbounded or not numeric)
 * @param max          upper bound for integers and seconds (NaN when unbounded or not numeric)
 * @param defaultValue the value used when absent (Long, Double seconds, Boolean or String), or null when
 *                     the default depends on other keys or there is none
 * @param required     whether the key must be present
 * @param secret       whether its value is masked wherever configuration is shown
 * @param supported    false for a keepalived key hakeeper knows but does not implement yet
 * @param keepalived   the keepalived keyword it mirrors, or empty for hakeeper's own
 * @param meaning      one line saying what it does
 */
public record KeySpec(String name, ValueType type, double min, double max, Object defaultValue, boolean required,
                      boolean secret, boolean supported, String keepalived, String meaning) {

    static KeySpec of(String name, ValueType type) {
        return new KeySpec(name, type, Double.NaN, Double.NaN, null, false, false, true, name, "");
    }

    static KeySpec integer(String name, long min, long max) {
        return of(name, ValueType.INTEGER).range(min, max);
    }

    static KeySpec seconds(String name, double min, double max) {
        return of(name, ValueType.SECONDS).range(min, max);
    }

    static KeySpec flag(String name) {
        return of(name, ValueType.BOOLEAN).byDefault(false);
    }

    KeySpec range(double lower, double upper) {
        return new KeySpec(name, type, lower, upper, defaultValue, required, secret, supported, keepalived, meaning);
    }

    KeySpec byDefault(Object value) {
        return new KeySpec(name, type, min, max, value, required, secret, supported, keepalived, meaning);
    }

    KeySpec mandatory() {
        return new KeySpec(name, type, min, max, defaultValue, true, secret, supported, keepalived, meaning);
    }

    KeySpec masked() {
        return new KeySpec(name, type, min, max, defaultValue, required, true, supported, keepalived, meaning);
    }

    KeySpec notSupportedYet() {
        return new KeySpec(name, type, min, max, defaultValue, required, secret, false, keepalived, meaning);
    }

    /** hakeeper's own key, with no keepalived counterpart. */
    KeySpec ownKey() {
        return new KeySpec(name, type, min, max, defaultValue, required, secret, supported, "", meaning);
    }

    KeySpec mirrors(String keyword) {
        return new KeySpec(name, type, min, max, defaultValue, required, secret, supported, keyword, meaning);
    }

    KeySpec means(String text) {
        return new KeySpec(name, type, min, max, defaultValue, required, secret, supported, keepalived, text);
    }

    /** The default as a typed value, when the schema states one. */
    <T> Optional<T> defaultAs(Class<T> kind) {
        return Optional.ofNullable(defaultValue).map(kind::cast);
    }
}
