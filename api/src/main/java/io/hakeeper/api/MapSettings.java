package io.hakeeper.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link Settings} over Java values, read and refused exactly as the engine reads and refuses a table of
 * {@code hakeeper.toml}: the same types, ranges and error messages. The engine hands it to factories for
 * settings it composes itself (a notifier made of keepalived's notify_* keywords), and a plugin's unit tests
 * hand it to the factory under test:
 *
 * <pre>{@code
 * Check check = new MyCheckFactory().create(MapSettings.of("url", "http://127.0.0.1/health", "timeout", 2.5),
 *         Duration.ofSeconds(1), new PluginContext("chk", "lb1", dir));
 * }</pre>
 *
 * <p>Values are what a TOML file holds: {@code String}; {@code Long} (an {@code Integer}, {@code Short} or
 * {@code Byte} counts as one, so {@code 25} and {@code 25L} are the same value); {@code Double} (seconds are
 * numbers: {@code 2.5} or {@code 2L}); {@code Boolean}; a {@code List} (of strings, for
 * {@link #strings(String)}); a {@code Map<String, ?>} for a nested table. Any other value is kept and refused
 * by every getter, as an ill-typed value in a file is. A map has no positions of its own: every key is
 * reported at the table's position.
 *
 * <p>{@link #toString()} names the keys only, never values (which may be secrets).
 *
 * @param path     the dotted path of the table from the top of the file; empty for the document itself
 * @param position where the table was written, where every error about it is reported
 * @param values   the keys and values in the map's iteration order; copied, with small integers widened to
 *                 {@code Long} and nested maps and lists copied likewise
 */
public record MapSettings(String path, SourcePosition position, Map<String, Object> values) implements Settings {

    private static final String TEST_PATH = "test";
    private static final SourcePosition TEST_POSITION = SourcePosition.unknown("test.toml");

    /** @throws IllegalArgumentException if a key or value is null, or a nested map has a key that is no string */
    public MapSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(position, "position");
        values = table(values);
    }

    /**
     * A table at {@code path} (dotted, from the top of the file; empty for the document itself) written at
     * {@code position}, holding {@code values} in the map's iteration order.
     *
     * @throws IllegalArgumentException if a key or value is null, or a nested map has a key that is no string
     */
    public static MapSettings of(String path, SourcePosition position, Map<String, ?> values) {
        return new MapSettings(path, position, Collections.unmodifiableMap(values));
    }

    /**
     * A table for a test, from keys and values in turn: {@code MapSettings.of("host", "db1", "port", 3306,
     * "timeout", 2.5)}. Its path is {@code test} and its position {@code test.toml}, so that an error reads
     * {@code test.toml: test.port: expected an integer from 1 to 65535, got 0}.
     *
     * @throws IllegalArgumentException if the arguments are not pairs of a string key and a value, or a key
     *                                  comes twice
     */
    public static MapSettings of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected keys and values in pairs, got " + keysAndValues.length
                    + " arguments");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("argument " + i + ": expected a key, got " + keysAndValues[i]);
            }
            if (values.put(key, keysAndValues[i + 1]) != null) {
                throw new IllegalArgumentException(key + ": given twice");
            }
        }
        return of(TEST_PATH, TEST_POSITION, values);
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** This table's position: a map does not know where each key was written. */
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
        return read(key, "expected a string", value -> value instanceof String text ? text : null);
    }

    @Override
    public long integer(String key, long min, long max) {
        return read(key, "expected an integer from " + min + " to " + max,
                value -> value instanceof Long n && n >= min && n <= max ? n : null).orElseThrow(() -> missing(key));
    }

    @Override
    public double number(String key, double min, double max) {
        return read(key, "expected a number from " + plain(min) + " to " + plain(max), value -> {
            if (!isNumber(value)) {
                return null;
            }
            double n = ((Number) value).doubleValue();
            return n >= min && n <= max ? n : null;
        }).orElseThrow(() -> missing(key));
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        return read(key, "expected true or false", value -> value instanceof Boolean b ? b : null)
                .orElse(defaultValue);
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        return read(key, "expected seconds from " + plain(min.toNanos() / 1e9) + " to " + plain(max.toNanos() / 1e9),
                value -> {
                    if (!isNumber(value)) {
                        return null;
                    }
                    Duration duration = secondsToDuration(((Number) value).doubleValue());
                    return duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0 ? duration : null;
                }).orElse(defaultValue);
    }

    /**
     * The value of a key when present, as {@code accept} reads it; when {@code accept} gives null the value
     * is refused with {@code expected} and the value as written.
     */
    private <T> Optional<T> read(String key, String expected, Function<Object, T> accept) {
        return value(key).map(value -> {
            T read = accept.apply(value);
            if (read == null) {
                throw invalid(key, expected + ", got " + describe(value));
            }
            return read;
        });
    }

    /** A list's elements that are not strings are reported with their index: {@code test.hosts[1]}. */
    @Override
    public List<String> strings(String key) {
        Optional<Object> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof List<?> list)) {
            return List.of(elementString(pathOf(key), value.get()));
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            strings.add(elementString(pathOf(key) + "[" + i + "]", list.get(i)));
        }
        return List.copyOf(strings);
    }

    private String elementString(String elementPath, Object element) {
        if (element instanceof String text) {
            return text;
        }
        throw new SettingsException(elementPath, position, "expected a string, got " + describe(element));
    }

    /** A nested {@code Map} as a view at {@code path.key}, at this table's position. */
    @Override
    public Optional<Settings> table(String key) {
        return value(key).map(value -> {
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked") // made by table(), with string keys
                Map<String, Object> inner = (Map<String, Object>) nested;
                return new MapSettings(pathOf(key), position, inner);
            }
            throw invalid(key, "expected a table, got " + describe(value));
        });
    }

    @Override
    public SettingsException invalid(String key, String expected) {
        return new SettingsException(pathOf(key), position, expected);
    }

    /** The error for a required key that is absent. */
    private SettingsException missing(String key) {
        return invalid(key, "missing required key \"" + key + "\"");
    }

    private String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Optional<Object> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public String toString() {
        return "MapSettings[" + path + " " + values.keySet() + "]";
    }

    /**
     * A value as an operator would recognise it after "got" in a message: strings quoted, tables and arrays
     * named, a decimal that is whole still written as a decimal ({@code 100.0}: "expected an integer, got
     * 100" would contradict itself). Every {@link Settings} view of the engine words values this way.
     */
    public static String describe(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "a table";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() ? plain(d) + ".0" : plain(d);
        }
        return String.valueOf(value);
    }

    /**
     * A duration written in seconds, to the microsecond (keepalived's timer resolution): how every
     * {@link Settings} view reads {@link #seconds(String, Duration, Duration, Duration)}.
     */
    public static Duration secondsToDuration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000) * 1_000);
    }

    private static boolean isNumber(Object value) {
        return value instanceof Number && !(value instanceof Double d && d.isNaN())
                && !(value instanceof Float f && f.isNaN());
    }

    /** A number without a trailing {@code .0}: 255 rather than 255.0, 0.01 as itself; nan and inf as TOML. */
    private static String plain(double number) {
        if (!Double.isFinite(number)) {
            return Double.isNaN(number) ? "nan" : number > 0 ? "inf" : "-inf";
        }
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number)
                : BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    /** A copy of a table's values: small integers widened to {@code Long}, lists and nested maps copied. */
    private static Map<String, Object> table(Map<?, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("expected a string key, got " + key);
            }
            copy.put(name, normalized(name, value));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object normalized(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": expected a value, got null");
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(normalized(key, element)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            return table(map);
        }
        return value;
    }
}
