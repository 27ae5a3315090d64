package io.hakeeper.engine.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import io.hakeeper.api.Settings;
import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;

/**
 * {@link Settings} over one tomlj table: the view the engine reads its own sections through, and the one
 * handed to plugin factories. Every error names the full key path and the position the key was written at.
 *
 * <p>Keys are looked up as single keys, never re-parsed as dotted paths, so a quoted key with a dot in it
 * is still one key.
 */
public final class TomlSettings implements Settings {

    private final TomlTable table;
    private final String path;
    private final SourcePosition position;
    private final String file;

    /**
     * @param path     dotted path of the table from the top of the file; empty for the document itself
     * @param position where the table begins
     * @param file     the file name used in positions
     */
    public TomlSettings(TomlTable table, String path, SourcePosition position, String file) {
        this.table = table;
        this.path = path;
        this.position = position;
        this.file = file;
    }

    /** One element of an array, with its own path ({@code ...track_script[1]}) and position. */
    public record Element(Object value, String path, SourcePosition position) {
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
        List<String> keys = new ArrayList<>(table.keySet());
        keys.sort(Comparator.comparingInt((String k) -> position(k).line()).thenComparingInt(k -> position(k).column()));
        return new LinkedHashSet<>(keys);
    }

    @Override
    public boolean has(String key) {
        return table.get(List.of(key)) != null;
    }

    @Override
    public SourcePosition position(String key) {
        TomlPosition at = table.inputPositionOf(List.of(key));
        return at == null ? position : new SourcePosition(file, at.line(), at.column());
    }

    /** The dotted path of a key in this table. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The raw tomlj value of a key (String, Long, Double, Boolean, TomlArray, TomlTable, ...), if present. */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(table.get(List.of(key)));
    }

    @Override
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    @Override
    public Optional<String> optionalString(String key) {
        return raw(key).map(value -> {
            if (value instanceof String text) {
                return text;
            }
            throw invalid(key, "expected a string, got " + describe(value));
        });
    }

    @Override
    public long integer(String key, long min, long max) {
        return optionalInteger(key, min, max).orElseThrow(() -> missing(key));
    }

    /** An integer within {@code [min, max]}, when present. */
    public Optional<Long> optionalInteger(String key, long min, long max) {
        return raw(key).map(value -> {
            if (value instanceof Long number && number >= min && number <= max) {
                return number;
            }
            throw invalid(key, "expected an integer from " + min + " to " + max + ", got " + describe(value));
        });
    }

    @Override
    public double number(String key, double min, double max) {
        return optionalNumber(key, min, max).orElseThrow(() -> missing(key));
    }

    /** A number (integer or decimal) within {@code [min, max]}, when present. */
    public Optional<Double> optionalNumber(String key, double min, double max) {
        return raw(key).map(value -> {
            if (value instanceof Number number && !(value instanceof Double d && d.isNaN())) {
                double n = number.doubleValue();
                if (n >= min && n <= max) {
                    return n;
                }
            }
            throw invalid(key, "expected a number from " + plain(min) + " to " + plain(max) + ", got " + describe(value));
        });
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        return raw(key).map(value -> {
            if (value instanceof Boolean b) {
                return b;
            }
            throw invalid(key, "expected true or false, got " + describe(value));
        }).orElse(defaultValue);
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        return optionalSeconds(key, min, max).orElse(defaultValue);
    }

    /** A duration written in seconds within {@code [min, max]}, when present; microsecond resolution. */
    public Optional<Duration> optionalSeconds(String key, Duration min, Duration max) {
        return raw(key).map(value -> {
            if (value instanceof Number number && !(value instanceof Double d && d.isNaN())) {
                Duration duration = ofSeconds(number.doubleValue());
                if (duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0) {
                    return duration;
                }
            }
            throw invalid(key, "expected seconds from " + seconds(min) + " to " + seconds(max) + ", got "
                    + describe(value));
        });
    }

    @Override
    public List<String> strings(String key) {
        List<String> strings = new ArrayList<>();
        for (Element element : elements(key)) {
            if (!(element.value() instanceof String text)) {
                throw new SettingsException(element.path(), element.position(),
                        "expected a string, got " + describe(element.value()));
            }
            strings.add(text);
        }
        return List.copyOf(strings);
    }

    /**
     * The elements of an array, each with its path and position; a single non-array value counts as an
     * array of one. Empty when absent.
     */
    public List<Element> elements(String key) {
        Optional<Object> value = raw(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof TomlArray array)) {
            return List.of(new Element(value.get(), pathOf(key), position(key)));
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            TomlPosition at = array.inputPositionOf(i);
            SourcePosition where = at == null ? position(key) : new SourcePosition(file, at.line(), at.column());
            elements.add(new Element(array.get(i), pathOf(key) + "[" + i + "]", where));
        }
        return elements;
    }

    @Override
    public Optional<Settings> table(String key) {
        return optionalTable(key).map(Settings.class::cast);
    }

    /** A nested table as the engine's own view, when present. */
    public Optional<TomlSettings> optionalTable(String key) {
        return raw(key).map(value -> {
            if (value instanceof TomlTable nested) {
                return new TomlSettings(nested, pathOf(key), position(key), file);
            }
            throw invalid(key, "expected a table, got " + describe(value));
        });
    }

    /** An inline table that is an element of an array. */
    public TomlSettings elementTable(Element element) {
        return new TomlSettings((TomlTable) element.value(), element.path(), element.position(), file);
    }

    @Override
    public SettingsException invalid(String key, String expected) {
        return new SettingsException(pathOf(key), position(key), expected);
    }

    /** The error for a required key that is absent, reported at the table's position. */
    public SettingsException missing(String key) {
        return new SettingsException(pathOf(key), position, "missing required key \"" + key + "\"");
    }

    /** A value as an operator would recognise it in a message: strings quoted, tables and arrays named. */
    public static String describe(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof Double d) {
            // 100.0 stays 100.0: "expected an integer, got 100" would contradict itself.
            return d == Math.rint(d) && !d.isInfinite() ? plain(d) + ".0" : plain(d);
        }
        return String.valueOf(value);
    }

    /** Seconds as a duration, to the microsecond (keepalived's timer resolution). */
    static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000) * 1_000);
    }

    private static String seconds(Duration duration) {
        return plain(duration.toNanos() / 1e9);
    }

    /** A number without a trailing {@code .0}: 255 rather than 255.0, 0.01 as itself. */
    static String plain(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number)
                : java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
