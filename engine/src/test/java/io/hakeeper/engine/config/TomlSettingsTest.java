package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tomlj.Toml;

import io.hakeeper.api.Settings;
import io.hakeeper.api.SettingsException;
import io.hakeeper.api.SourcePosition;

/** The settings view plugins see: typed getters whose every error carries key path and position. */
class TomlSettingsTest {

    private final Settings settings = new TomlSettings(Toml.parse("""
            url = "http://127.0.0.1/health"
            codes = 200
            timeout = 2.5
            hosts = "a"
            tls = { verify = "no" }
            """), "vrrp_script.chk_http", new SourcePosition("hk.toml", 7, 1), "hk.toml");

    @Test
    void keysComeInTheOrderTheyWereWritten() {
        assertEquals(List.of("url", "codes", "timeout", "hosts", "tls"), List.copyOf(settings.keys()));
    }

    @Test
    void typedGettersReadValuesAndDefaults() {
        assertEquals("http://127.0.0.1/health", settings.string("url"));
        assertEquals(200, settings.integer("codes", 100, 599));
        assertEquals(Duration.ofMillis(2500), settings.seconds("timeout", Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(10)));
        assertEquals(List.of("a"), settings.strings("hosts"), "a single string is a list of one");
        assertEquals(7, settings.integer("retries", 7, 0, 10));
        assertEquals("vrrp_script.chk_http.tls", settings.table("tls").orElseThrow().path());
    }

    @Test
    void errorsNameKeyPathAndPosition() {
        SettingsException range = assertThrows(SettingsException.class, () -> settings.integer("codes", 300, 399));
        assertEquals("hk.toml:2:1: vrrp_script.chk_http.codes: expected an integer from 300 to 399, got 200",
                range.getMessage());
        SettingsException missing = assertThrows(SettingsException.class, () -> settings.string("user"));
        assertEquals("hk.toml:7:1: vrrp_script.chk_http.user: missing required key \"user\"", missing.getMessage());
        Settings tls = settings.table("tls").orElseThrow();
        SettingsException flag = assertThrows(SettingsException.class, () -> tls.flag("verify", true));
        assertEquals("hk.toml:5:9: vrrp_script.chk_http.tls.verify: expected true or false, got \"no\"",
                flag.getMessage());
        assertEquals("hk.toml:1:1: vrrp_script.chk_http.url: expected an http:// or https:// URL",
                settings.invalid("url", "expected an http:// or https:// URL").getMessage());
        assertTrue(settings.table("absent").isEmpty());
    }
}
