package io.hakeeper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The map view reads and refuses as the engine's TOML view does: the messages below are the ones an
 * operator sees for the same mistakes written in hakeeper.toml.
 */
class MapSettingsTest {

    private static final SourcePosition AT = new SourcePosition("hk.toml", 9, 1);
    private static final SourcePosition TEST = SourcePosition.unknown("test.toml");

    private static MapSettings table(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return MapSettings.of("vrrp_script.chk", AT, values);
    }

    private static void refuses(String message, Executable read) {
        assertEquals(message, assertThrows(SettingsException.class, read).getMessage());
    }

    @Test
    void pathPositionAndKeysInTheOrderGiven() {
        MapSettings settings = table("url", "http://x", "codes", 200L, "tls", true);
        assertEquals("vrrp_script.chk", settings.path());
        assertEquals(AT, settings.position());
        assertEquals(List.of("url", "codes", "tls"), List.copyOf(settings.keys()));
        assertTrue(settings.has("codes"));
        assertFalse(settings.has("absent"));
        assertEquals(AT, settings.position("url"), "a map knows no position per key");
        assertEquals(AT, settings.position("absent"));
    }

    @Test
    void stringsAreReadAndDefaulted() {
        MapSettings settings = table("user", "nobody");
        assertEquals("nobody", settings.string("user"));
        assertEquals(Optional.of("nobody"), settings.optionalString("user"));
        assertEquals(Optional.empty(), settings.optionalString("group"));
        assertEquals("wheel", settings.string("group", "wheel"));
        refuses("hk.toml:9:1: vrrp_script.chk.group: missing required key \"group\"", () -> settings.string("group"));
        refuses("hk.toml:9:1: vrrp_script.chk.port: expected a string, got 25",
                () -> table("port", 25L).string("port"));
        refuses("hk.toml:9:1: vrrp_script.chk.hosts: expected a string, got an array",
                () -> table("hosts", List.of("a")).string("hosts"));
    }

    @Test
    void integersAreCheckedAgainstTheirRange() {
        MapSettings settings = table("port", 25L, "weight", -20, "ratio", 100.0, "name", "lb1");
        assertEquals(25, settings.integer("port", 1, 65535));
        assertEquals(-20, settings.integer("weight", -254, 254), "an Integer is an integer");
        assertEquals(7, settings.integer("absent", 7, 1, 10));
        assertEquals(25, settings.integer("port", 7, 1, 65535));
        refuses("hk.toml:9:1: vrrp_script.chk.port: expected an integer from 1024 to 65535, got 25",
                () -> settings.integer("port", 1024, 65535));
        refuses("hk.toml:9:1: vrrp_script.chk.port: expected an integer from 1024 to 65535, got 25",
                () -> settings.integer("port", 2000, 1024, 65535));
        refuses("hk.toml:9:1: vrrp_script.chk.ratio: expected an integer from 0 to 255, got 100.0",
                () -> settings.integer("ratio", 0, 255));
        refuses("hk.toml:9:1: vrrp_script.chk.name: expected an integer from 0 to 255, got \"lb1\"",
                () -> settings.integer("name", 0, 255));
        refuses("hk.toml:9:1: vrrp_script.chk.absent: missing required key \"absent\"",
                () -> settings.integer("absent", 0, 255));
    }

    @Test
    void numbersAreIntegersOrDecimalsInRange() {
        MapSettings settings = table("load", 0.75, "count", 3L, "nan", Double.NaN, "flag", true);
        assertEquals(0.75, settings.number("load", 0, 1));
        assertEquals(3.0, settings.number("count", 0, 10));
        assertEquals(0.5, settings.number("absent", 0.5, 0, 1));
        refuses("hk.toml:9:1: vrrp_script.chk.load: expected a number from 0.01 to 0.5, got 0.75",
                () -> settings.number("load", 0.01, 0.5));
        refuses("hk.toml:9:1: vrrp_script.chk.nan: expected a number from 0 to inf, got nan",
                () -> settings.number("nan", 0, Double.POSITIVE_INFINITY));
        refuses("hk.toml:9:1: vrrp_script.chk.flag: expected a number from 0 to 1, got true",
                () -> settings.number("flag", 0.5, 0, 1));
        refuses("hk.toml:9:1: vrrp_script.chk.absent: missing required key \"absent\"",
                () -> settings.number("absent", 0, 1));
    }

    @Test
    void flagsAreBooleans() {
        MapSettings settings = table("verify", false, "tls", "no");
        assertFalse(settings.flag("verify", true));
        assertTrue(settings.flag("absent", true));
        refuses("hk.toml:9:1: vrrp_script.chk.tls: expected true or false, got \"no\"",
                () -> settings.flag("tls", false));
    }

    @Test
    void secondsAreNumbersReadToTheMicrosecond() {
        MapSettings settings = table("timeout", 2.5, "interval", 2L, "fine", 0.0000014, "late", "soon");
        Duration hour = Duration.ofHours(1);
        assertEquals(Duration.ofMillis(2500), settings.seconds("timeout", Duration.ZERO, Duration.ZERO, hour));
        assertEquals(Duration.ofSeconds(2), settings.seconds("interval", Duration.ZERO, Duration.ZERO, hour));
        assertEquals(Duration.ofNanos(1000), settings.seconds("fine", Duration.ZERO, Duration.ZERO, hour));
        assertEquals(Duration.ofSeconds(3), settings.seconds("absent", Duration.ofSeconds(3), Duration.ZERO, hour));
        refuses("hk.toml:9:1: vrrp_script.chk.timeout: expected seconds from 0.001 to 1, got 2.5",
                () -> settings.seconds("timeout", Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1)));
        refuses("hk.toml:9:1: vrrp_script.chk.late: expected seconds from 0 to 3600, got \"soon\"",
                () -> settings.seconds("late", Duration.ZERO, Duration.ZERO, hour));
        assertEquals(Duration.ofMillis(1500), MapSettings.secondsToDuration(1.5));
    }

    @Test
    void stringListsTakeALoneStringAsAListOfOne() {
        MapSettings settings = table("notify", List.of("/bin/x", "a b"), "name", "lb1", "mixed", List.of("a", 2L),
                "port", 25L);
        assertEquals(List.of("/bin/x", "a b"), settings.strings("notify"));
        assertEquals(List.of("lb1"), settings.strings("name"));
        assertEquals(List.of(), settings.strings("absent"));
        SettingsException element = assertThrows(SettingsException.class, () -> settings.strings("mixed"));
        assertEquals("vrrp_script.chk.mixed[1]", element.keyPath());
        assertEquals("hk.toml:9:1: vrrp_script.chk.mixed[1]: expected a string, got 2", element.getMessage());
        refuses("hk.toml:9:1: vrrp_script.chk.port: expected a string, got 25", () -> settings.strings("port"));
    }

    @Test
    void nestedMapsAreTablesAtTheirOwnPath() {
        MapSettings settings = table("tls", Map.of("verify", "no"), "url", "http://x");
        Settings tls = settings.table("tls").orElseThrow();
        assertEquals("vrrp_script.chk.tls", tls.path());
        refuses("hk.toml:9:1: vrrp_script.chk.tls.verify: expected true or false, got \"no\"",
                () -> tls.flag("verify", true));
        assertTrue(settings.table("absent").isEmpty());
        refuses("hk.toml:9:1: vrrp_script.chk.url: expected a table, got \"http://x\"", () -> settings.table("url"));
        refuses("hk.toml:9:1: vrrp_script.chk.tls: expected a string, got a table", () -> settings.string("tls"));
    }

    @Test
    void invalidNamesTheKeyForAFactorysOwnChecks() {
        SettingsException error = table().invalid("url", "expected an http:// or https:// URL");
        assertEquals("vrrp_script.chk.url", error.keyPath());
        assertEquals(AT, error.position());
        assertEquals("expected an http:// or https:// URL", error.problem());
        assertEquals("url", MapSettings.of("", AT, Map.of()).invalid("url", "x").keyPath(), "the document itself");
    }

    @Test
    void theTestFormTakesKeysAndValuesInTurn() {
        MapSettings settings = MapSettings.of("auth_type", "PASS", "port", 3306);
        assertEquals("test", settings.path());
        assertEquals(TEST, settings.position());
        assertEquals(List.of("auth_type", "port"), List.copyOf(settings.keys()));
        assertEquals(3306, settings.integer("port", 1, 65535));
        refuses("test.toml: test.auth_pass: missing required key \"auth_pass\"", () -> settings.string("auth_pass"));
        assertThrows(IllegalArgumentException.class, () -> MapSettings.of("auth_type"));
        assertThrows(IllegalArgumentException.class, () -> MapSettings.of(1, "PASS"));
        assertThrows(IllegalArgumentException.class, () -> MapSettings.of("a", "1", "a", "2"));
        assertThrows(IllegalArgumentException.class, () -> MapSettings.of("a", null));
    }

    @Test
    void equalWhenPathPositionAndValuesAre() {
        MapSettings one = MapSettings.of("global_defs", AT, Map.of("smtp_port", 25L, "to", List.of("ops")));
        MapSettings other = MapSettings.of("global_defs", AT, Map.of("smtp_port", 25, "to", List.of("ops")));
        assertEquals(one, other, "25 and 25L are one value");
        assertEquals(one.hashCode(), other.hashCode());
        assertNotEquals(one, MapSettings.of("vrrp_instance.VI_1", AT, Map.of("smtp_port", 25L, "to", List.of("ops"))));
        assertNotEquals(one, MapSettings.of("global_defs", AT, Map.of("smtp_port", 26L, "to", List.of("ops"))));
        assertNotEquals(one, MapSettings.of("global_defs", TEST, Map.of("smtp_port", 25L, "to", List.of("ops"))));
    }

    @Test
    void printsKeysButNeverValues() {
        String printed = MapSettings.of("auth_type", "PASS", "auth_pass", "s3cret").toString();
        assertTrue(printed.contains("auth_pass"), printed);
        assertFalse(printed.contains("s3cret"), printed);
    }

    @Test
    void theValuesCannotBeChangedFromOutside() {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("hosts", new java.util.ArrayList<>(List.of("a"))));
        MapSettings settings = MapSettings.of("t", AT, values);
        values.put("late", "x");
        assertFalse(settings.has("late"));
        assertThrows(UnsupportedOperationException.class, () -> settings.keys().remove("hosts"));
    }

    @Test
    void describeWordsValuesAsAnOperatorWroteThem() {
        assertEquals("\"a\"", MapSettings.describe("a"));
        assertEquals("100.0", MapSettings.describe(100.0));
        assertEquals("0.01", MapSettings.describe(0.01));
        assertEquals("an array", MapSettings.describe(List.of()));
        assertEquals("a table", MapSettings.describe(Map.of()));
        assertEquals("true", MapSettings.describe(true));
    }
}
