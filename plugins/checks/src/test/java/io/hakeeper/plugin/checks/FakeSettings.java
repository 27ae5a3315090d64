package io.hakeeper.plugin.checks;

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
 * A table of typed settings for the check factories (strings, numbers, booleans, lists), checked against the
 * ranges the factory asks for as the engine's view checks them. The auth plugin's tests have a string-only
 * sibling; plugins see only the api, so each keeps the small fake it needs.
 */
record FakeSettings(Map<String, Object> values) implements Settings {

    private static final SourcePosition POSITION = new SourcePosition("test.toml", 7, 1);

    static FakeSettings of(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
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
        return optionalString(key).orElseThrow(() -> invalid(key, "missing"));
    }

    @Override
    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(values.get(key)).map(v -> typed(key, v, String.class));
    }

    @Override
    public long integer(String key, long min, long max) {
        return inRange(key, typed(key, required(key), Number.class).longValue(), min, max);
    }

    @Override
    public double number(String key, double min, double max) {
        double value = typed(key, required(key), Number.class).doubleValue();
        if (value < min || value > max) {
            throw invalid(key, "expected a number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    @Override
    public boolean flag(String key, boolean defaultValue) {
        return has(key) ? typed(key, values.get(key), Boolean.class) : defaultValue;
    }

    @Override
    public Duration seconds(String key, Duration defaultValue, Duration min, Duration max) {
        if (!has(key)) {
            return defaultValue;
        }
        Duration value = Duration.ofNanos((long) (typed(key, values.get(key), Number.class).doubleValue() * 1e9));
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(key, "expected seconds from " + min + " to " + max);
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        Object value = values.get(key);
        return value == null ? List.of() : value instanceof String s ? List.of(s) : (List<String>) value;
    }

    @Override
    public Optional<Settings> table(String key) {
        return Optional.empty();
    }

    @Override
    public SettingsException invalid(String key, String expected) {
        return new SettingsException(path() + "." + key, POSITION, expected);
    }

    private Object required(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw invalid(key, "missing");
        }
        return value;
    }

    private long inRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(key, "expected an integer from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    private <T> T typed(String key, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw invalid(key, "expected a " + type.getSimpleName() + ", got " + value);
        }
        return type.cast(value);
    }
}
