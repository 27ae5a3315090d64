package io.hakeeper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepalivedConfThroughHakeeperdTest {

    private static final String BROKEN_PRIORITY = """
            vrrp_instance VI_1 {
              interface eth1
              virtual_router_id 51
              priority 300
              virtual_ipaddress {
                10.0.0.100/24
              }
              lvs_sync_daemon_interface eth1
            }
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hakeeperd(String... args) {
        return HakeeperdMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void formatIsChosenOnTheCommandLineOrByContent() throws Exception {
        assertEquals(HakeeperdOptions.Format.AUTO, HakeeperdOptions.parse(List.of()).format());
        assertEquals(HakeeperdOptions.Format.KEEPALIVED, HakeeperdOptions.parse(List.of("--format", "keepalived")).format());
        assertEquals(HakeeperdOptions.Format.TOML, HakeeperdOptions.parse(List.of("--format=toml")).format());
        assertThrows(HakeeperdOptions.UsageException.class, () -> HakeeperdOptions.parse(List.of("--format", "xml")));
    }

    @Test
    void checkingAKeepalivedConfReportsProblemsAtItsOwnLines() throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, BROKEN_PRIORITY);
        assertEquals(1, hakeeperd("--check", "-f", file.toString()));
        assertTrue(err().contains(file + ":4:3: vrrp_instance.VI_1.priority: "), err());
        assertTrue(err().contains(file + ":8:3: warning: vrrp_instance.VI_1.lvs_sync_daemon_interface: "), err());
    }

    @Test
    void forcingTomlReadsAKeepalivedConfAsBrokenToml() throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, BROKEN_PRIORITY);
        assertEquals(1, hakeeperd("--check", "--format", "toml", "-f", file.toString()));
        assertTrue(err().contains(file + ":1:"), err());
    }

    @Test
    void importKeepalivedPrintsTheTomlAndTheWarnings() throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, BROKEN_PRIORITY.replace("priority 300", "priority 200"));
        int code = ImportKeepalivedMain.run(List.of(file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("[vrrp_instance.VI_1]\ninterface = \"eth1\"\n"));
        assertTrue(err().contains(file + ":8:3: warning: "), err());
    }
}
