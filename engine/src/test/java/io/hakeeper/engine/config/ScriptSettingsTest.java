package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.Settings;

/** A script check's factory reads the two globals keepalived applies to scripts from the table it is handed. */
class ScriptSettingsTest {

    private static Settings scriptTable(String toml, String name) {
        return Configs.validate(toml).config().orElseThrow().scripts().get(name).settings();
    }

    @Test
    void userFallsBackToScriptUserAndScriptSecurityComesFromGlobalDefs() {
        Settings settings = scriptTable("""
                [global_defs]
                script_user = "nobody:nogroup"
                enable_script_security = true
                [vrrp_script.a]
                script = "/bin/true"
                [vrrp_script.b]
                script = "/bin/true"
                user = "www-data"
                """, "a");
        assertEquals(Optional.of("nobody nogroup"), settings.optionalString("user"));
        assertTrue(settings.has("user"));
        assertFalse(settings.keys().contains("user"), "keys() lists what was written");
        assertTrue(settings.flag("enable_script_security", false));
    }

    @Test
    void theTablesOwnUserWinsAndNothingIsInventedWithoutGlobals() {
        Settings own = scriptTable("""
                [global_defs]
                script_user = "nobody"
                [vrrp_script.b]
                script = "/bin/true"
                user = "www-data"
                """, "b");
        assertEquals("www-data", own.string("user"));
        assertFalse(own.flag("enable_script_security", true));

        Settings bare = scriptTable("""
                [vrrp_script.c]
                script = "/bin/true"
                """, "c");
        assertEquals(Optional.empty(), bare.optionalString("user"));
        assertFalse(bare.has("user"));
    }
}
