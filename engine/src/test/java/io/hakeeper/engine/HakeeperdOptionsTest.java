package io.hakeeper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HakeeperdOptionsTest {

    @Test
    void keepalivedsShortOptionsMeanWhatTheyMeanThere() throws Exception {
        HakeeperdOptions options = HakeeperdOptions.parse(List.of("-t", "-f", "/tmp/x.toml"));
        assertTrue(options.checkOnly());
        assertEquals(Path.of("/tmp/x.toml"), options.configFile());
        assertEquals(HakeeperdOptions.Action.RUN, options.action());
    }

    @Test
    void longOptionsTakeTheirValueAfterAnEqualsSign() throws Exception {
        HakeeperdOptions options = HakeeperdOptions.parse(
                List.of("--config-file=/etc/a.toml", "--control-socket=/run/x.sock", "--check"));
        assertEquals(Path.of("/etc/a.toml"), options.configFile());
        assertEquals(Optional.of(Path.of("/run/x.sock")), options.controlSocket());
        assertTrue(options.checkOnly());
    }

    @Test
    void withoutArgumentsTheDaemonRunsTheDefaultConfiguration() throws Exception {
        HakeeperdOptions options = HakeeperdOptions.parse(List.of());
        assertEquals(HakeeperdOptions.DEFAULT_CONFIG, options.configFile());
        assertFalse(options.checkOnly());
    }

    @Test
    void anOptionWithoutItsValueIsAUsageErrorNamingTheOption() {
        var error = assertThrows(HakeeperdOptions.UsageException.class, () -> HakeeperdOptions.parse(List.of("-f")));
        assertEquals("-f needs a value (see hakeeperd --help)", error.getMessage());
    }

    @Test
    void anUnknownArgumentIsAUsageErrorNamingIt() {
        var error = assertThrows(HakeeperdOptions.UsageException.class,
                () -> HakeeperdOptions.parse(List.of("-t", "--bogus")));
        assertEquals("unknown argument '--bogus' (see hakeeperd --help)", error.getMessage());
    }
}
