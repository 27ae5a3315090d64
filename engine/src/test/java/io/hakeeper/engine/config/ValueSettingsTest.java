package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;

/** The settings view over composed values reads and refuses as the TOML view does. */
class ValueSettingsTest {

    private final ValueSettings settings = new ValueSettings("vrrp_instance.VI_1", new SourcePosition("t.toml", 9, 1),
            Map.of("notify", List.of("/bin/x", "a b"), "timeout", 2.5, "port", 25L, "name", "lb1"));

    @Test
    void readsTheValuesItWasGiven() {
        assertEquals(List.of("/bin/x", "a b"), settings.strings("notify"));
        assertEquals(Duration.ofMillis(2500), settings.seconds("timeout", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)));
        assertEquals(25, settings.integer("port", 1, 65535));
        assertEquals(List.of("lb1"), settings.strings("name"));
        assertEquals(7, settings.integer("absent", 7, 1, 10));
    }

    @Test
    void refusesWithThePathAndPositionOfTheSubject() {
        SettingsException range = assertThrows(SettingsException.class, () -> settings.integer("port", 1024, 65535));
        assertEquals("t.toml:9:1: vrrp_instance.VI_1.port: expected an integer from 1024 to 65535, got 25",
                range.getMessage());
        assertThrows(SettingsException.class, () -> settings.string("port"));
        assertThrows(SettingsException.class, () -> settings.string("missing"));
        assertThrows(SettingsException.class,
                () -> settings.seconds("timeout", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)));
    }
}
