package io.hakeeper.plugin.notify;

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
 * A table of settings for the factories under test: strings, integers, seconds (as Double) and lists of
 * strings, the types the engine hands the notify factories. A small copy of plugins/auth's test helper
 * grown by those types: plugin modules see only the api, so the engine's own view is out of reach.
 */
record FakeSettings(Map<String, Object> values) implements Settings {

    private static final SourcePosition POSITION = new SourcePosition("test.toml", 3, 1);

    static FakeSettings of(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new FakeSettings(values);
    }

    @Override
    public String path() {
        return "vrrp_instance.VI_1";
    }

    @Override
    public SourcePosition position() {
        return POSITION;
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
        return POSITION;
    }

    @Override
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> invalid(key, "missing"));
    }

    @Override
    public Optional<String> optionalString(String key) {
        return Optional.ofNullable((String) values.get(key));
    }

    @Override
    public long integer(String key, long min, long max) {
        return (Long) values.get(key);
    }

    @Override
    public double number(String key, double min, double max) {
        return ((Number) values.get(key)).doubleValue();
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        return has(key) ? (Boolean) values.get(key) : defaultValue;
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        return has(key) ? Duration.ofMillis(Math.round(number(key, 0, 0) * 1000)) : defaultValue;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        Object value = values.get(key);
        return value == null ? List.of() : value instanceof String text ? List.of(text) : (List<String>) value;
    }

    @Override
    public Optional<Settings> table(String key) {
        return Optional.empty();
    }

    @Override
    public SettingsException invalid(String key, String expected) {
        return new SettingsException(path() + "." + key, POSITION, expected);
    }
}
