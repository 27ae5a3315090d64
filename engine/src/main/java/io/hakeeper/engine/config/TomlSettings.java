package io.hakeeper.engine.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import io.hakeeper.api.MapSettings;
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

    /**
     * Equal when the table has the same path and the same values, wherever they were written: a reload
     * compares the running configuration with the new one record by record, and a comment added above a
     * table must not make its plugin restart.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TomlSettings that && path.equals(that.path) && plain(table).equals(plain(that.table));
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + plain(table).hashCode();
    }

    /** The same values as plain maps and lists (tomlj's tables and arrays compare by identity). */
    private static Object plain(Object value) {
        if (value instanceof TomlTable nested) {
            Map<String, Object> map = new HashMap<>();
            nested.keySet().forEach(key -> map.put(key, plain(nested.get(List.of(key)))));
            return map;
        }
        if (value instanceof TomlArray array) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                list.add(plain(array.get(i)));
            }
            return list;
        }
        return value;
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
        // Each key's position looked up once, not twice per comparison: [vrrp_instance] of 1,000 instances
        // is sorted at every read of the file.
        Map<String, SourcePosition> at = new HashMap<>();
        for (String key : table.keySet()) {
            at.put(key, position(key));
        }
        List<String> keys = new ArrayList<>(at.keySet());
        keys.sort(Comparator.comparingInt((String k) -> at.get(k).line()).thenComparingInt(k -> at.get(k).column()));
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

    /**
     * The key alone (or nothing, when absent) as the api's map view, which every typed getter below reads
     * through: a table of the file and a table the engine composes accept the same values and refuse the
     * others in the same words. At the key's position, which is the table's when absent.
     */
    private Settings only(String key) {
        Map<String, Object> alone = raw(key).map(value -> Map.of(key, javaValue(value))).orElse(Map.of());
        return MapSettings.of(path, position(key), alone);
    }

    /** tomlj's arrays and tables as the lists and maps the map view takes. */
    private static Object javaValue(Object value) {
        if (value instanceof TomlArray array) {
            return array.toList();
        }
        return value instanceof TomlTable nested ? nested.toMap() : value;
    }

    @Override
    public String string(String key) {
        return only(key).string(key);
    }

    @Override
    public Optional<String> optionalString(String key) {
        return only(key).optionalString(key);
    }

    @Override
    public long integer(String key, long min, long max) {
        return only(key).integer(key, min, max);
    }

    /** An integer within {@code [min, max]}, when present. */
    public Optional<Long> optionalInteger(String key, long min, long max) {
        return raw(key).map(value -> only(key).integer(key, min, max));
    }

    @Override
    public double number(String key, double min, double max) {
        return only(key).number(key, min, max);
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        return only(key).flag(key, defaultValue);
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        return only(key).seconds(key, defaultValue, min, max);
    }

    /** A duration written in seconds within {@code [min, max]}, when present; microsecond resolution. */
    public Optional<Duration> optionalSeconds(String key, Duration min, Duration max) {
        return Optional.ofNullable(only(key).seconds(key, null, min, max));
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

    /** A value as an operator would recognise it in a message, as every settings view words it. */
    public static String describe(Object value) {
        return MapSettings.describe(javaValue(value));
    }
}
