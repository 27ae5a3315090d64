package io.hakeeper.engine.config;

import static io.hakeeper.engine.config.EveryKeyLoadsIntoModelTest.EVERY_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.config.model.HakeeperConfig;

/**
 * A reload compares the running configuration with the new one, record by record, to restart only what
 * changed: the same file read twice must be equal to the last plugin table, however it is laid out, and
 * a changed value anywhere must not be.
 */
class ConfigEqualityTest {

    private static HakeeperConfig load(String toml) {
        ValidationReport report = Configs.validate(toml);
        assertEquals(List.of(), Configs.messages(report));
        return report.config().orElseThrow();
    }

    @Test
    void theSameFileReadTwiceIsEqualIncludingEveryPluginTable() {
        HakeeperConfig first = load(EVERY_KEY);
        HakeeperConfig second = load(EVERY_KEY);
        assertEquals(first.globalDefs(), second.globalDefs());
        assertEquals(first.scripts(), second.scripts());
        assertEquals(first.trackFiles(), second.trackFiles());
        assertEquals(first.trackProcesses(), second.trackProcesses());
        assertEquals(first.instances(), second.instances());
        assertEquals(first.syncGroups(), second.syncGroups());
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void commentsAndMovedLinesChangeNothing() {
        String moved = "# a comment that moves every line down\n\n" + EVERY_KEY.replace("\n[", "\n# and another\n[");
        assertEquals(load(EVERY_KEY), load(moved));
    }

    @Test
    void aChangedValueInAPluginTableIsAChange() {
        HakeeperConfig before = load(EVERY_KEY);
        assertNotEquals(before.instances(), load(EVERY_KEY.replace("auth_pass = \"s3cret\"", "auth_pass = \"0ther\"")).instances());
        String script = EVERY_KEY.substring(EVERY_KEY.indexOf("[vrrp_script.chk_web]"));
        String changedScript = script.replaceFirst("interval = 2", "interval = 3");
        assertNotEquals(before.scripts(), load(EVERY_KEY.replace(script, changedScript)).scripts());
    }
}
