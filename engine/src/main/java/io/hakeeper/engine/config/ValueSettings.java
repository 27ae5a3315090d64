package io.hakeeper.engine.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.Settings;
import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;

/**
 * {@link Settings} over values the engine has already read and validated from the model, for plugin
 * objects the engine composes from keepalived's scattered keywords (a notifier made of an instance's
 * notify_* commands, or of global_defs' smtp_* keys) rather than from one table of the file.
 *
 * <p>Values are Java values: {@code String}, {@code Long}, {@code Double} (seconds), {@code Boolean},
 * and {@code List<String>} (argv words, addresses). Errors carry the given path and position, with the
 * same wording as {@link TomlSettings}; they should not happen, the values having passed validation, but a
 * plugin may be stricter than the engine.
 */
public final class ValueSettings implements Settings {

    private final String path;
    private final SourcePosition position;
    private final Map<String, Object> values;

    /** Equal when the same keys have the same values at the same path; where they were written does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ValueSettings that && path.equals(that.path) && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + values.hashCode();
    }

    public ValueSettings(String path, SourcePosition position, Map<String, ?> values) {
        this.path = path;
        this.position = position;
        this.values = new LinkedHashMap<>(values);
        this.values.forEach((key, value) -> {
            if (!(value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof Boolean || value instanceof List<?>)) {
                throw new IllegalArgumentException(key + ": unsupported value " + value);
            }
        });
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public SourcePosition position() {
        return position;
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public SourcePosition position(String key) {
        return position;
    }

    @Override
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    @Override
    public Optional<String> optionalString(String key) {
        return typed(key, String.class, "a string");
    }

    @Override
    public long integer(String key, long min, long max) {
        long value = typed(key, Long.class, "an integer").orElseThrow(() -> missing(key));
        if (value < min || value > max) {
            throw invalid(key, "expected an integer from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    @Override
    public double number(String key, double min, double max) {
        Object value = values.get(key);
        if (value == null) {
            throw missing(key);
        }
        if (!(value instanceof Long || value instanceof Double) || ((Number) value).doubleValue() < min
                || ((Number) value).doubleValue() > max) {
            throw invalid(key, "expected a number from " + TomlSettings.plain(min) + " to " + TomlSettings.plain(max)
                    + ", got " + TomlSettings.describe(value));
        }
        return ((Number) value).doubleValue();
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        return typed(key, Boolean.class, "true or false").orElse(defaultValue);
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        if (!has(key)) {
            return defaultValue;
        }
        Duration duration = TomlSettings.ofSeconds(number(key, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw invalid(key, "expected seconds from " + TomlSettings.plain(min.toNanos() / 1e9) + " to "
                    + TomlSettings.plain(max.toNanos() / 1e9) + ", got " + TomlSettings.describe(values.get(key)));
        }
        return duration;
    }

    @Override
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid(key, "expected a list of strings, got " + TomlSettings.describe(value));
    }

    /** Always empty: the values composed here are flat. */
    @Override
    public Optional<Settings> table(String key) {
        return Optional.empty();
    }

    @Override
    public SettingsException invalid(String key, String expected) {
        return new SettingsException(path.isEmpty() ? key : path + "." + key, position, expected);
    }

    private SettingsException missing(String key) {
        return invalid(key, "missing required key \"" + key + "\"");
    }

    private <T> Optional<T> typed(String key, Class<T> type, String expected) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw invalid(key, "expected " + expected + ", got " + TomlSettings.describe(value));
        }
        return Optional.of(type.cast(value));
    }
}
