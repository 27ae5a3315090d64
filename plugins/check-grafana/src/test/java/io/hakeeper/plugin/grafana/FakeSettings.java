package io.hakeeper.plugin.grafana;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.Settings;
import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;

/** A table of string settings, enough for the factories of this plugin; the engine's real view lives elsewhere. */
record FakeSettings(Map<String, String> values) implements Settings {

    private static final SourcePosition POSITION = new SourcePosition("test.toml", 3, 1);

    static FakeSettings of(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new FakeSettings(values);
    }

    @Override
    public String path() {
        return "vrrp_script.chk";
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
        return optionalString(key).orElseThrow(() -> invalid(key, "expected a string"));
    }

    @Override
    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public long integer(String key, long min, long max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long integer(String key, long defaultValue, long min, long max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double number(String key, double min, double max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double number(String key, double defaultValue, double min, double max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> strings(String key) {
        throw new UnsupportedOperationException();
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
