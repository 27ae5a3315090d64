package io.hakeeper.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.config.model.HakeeperConfig;
import io.hakeeper.engine.config.model.NotifyCommands;

/**
 * A notify command whose program does not exist or cannot be executed is a warning naming file, line and
 * instance (or group), and the command is left out, as keepalived disables it; the others still run.
 * Real files in a temporary directory, checked as the daemon checks them.
 */
class NotifyProgramsTest {

    @TempDir
    Path dir;

    private ValidationReport validate(String toml) {
        return ConfigParser.parse(toml, "test.toml", dir)
                .validate(FakePlugins.all(), name -> true, HostPrograms::whyNotRunnable);
    }

    private Path script(String name, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void missingOrNotExecutableNotifyProgramsAreWarnedAboutAndDisabled() throws IOException {
        Path runs = script("runs.sh", "rwxr-xr-x");
        Path notExecutable = script("plain.sh", "rw-r--r--");
        ValidationReport report = validate(Configs.INSTANCE + """
                notify_master = "%s master"
                notify_backup = "%s backup"
                notify_fault = "%s fault"
                notify_stop = "no-such-notify-program-here stop"
                notify = "%s"
                """.formatted(runs, notExecutable, dir.resolve("missing.sh"), dir));

        assertTrue(report.ok(), () -> String.join("\n", Configs.messages(report)));
        List<String> expected = List.of(
                "test.toml:6:1: warning: vrrp_instance.VI_1.notify_backup: " + notExecutable + " is not executable;",
                "test.toml:7:1: warning: vrrp_instance.VI_1.notify_fault: " + dir.resolve("missing.sh")
                        + " does not exist;",
                "test.toml:8:1: warning: vrrp_instance.VI_1.notify_stop: no executable program"
                        + " no-such-notify-program-here on the PATH",
                "test.toml:9:1: warning: vrrp_instance.VI_1.notify: " + dir + " is not a file;");
        List<String> messages = Configs.messages(report);
        assertEquals(expected.size(), messages.size(), () -> String.join("\n", messages));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(messages.get(i).startsWith(expected.get(i)), messages.get(i));
            assertTrue(messages.get(i).contains("this notify command is disabled"), messages.get(i));
        }
        NotifyCommands commands = report.config().orElseThrow().instances().get("VI_1").notifyCommands();
        assertEquals(Optional.of(List.of(runs.toString(), "master")), commands.master());
        assertEquals(Optional.empty(), commands.backup());
        assertEquals(Optional.empty(), commands.fault());
        assertEquals(Optional.empty(), commands.stop());
        assertEquals(Optional.empty(), commands.any());
    }

    @Test
    void aProgramOnThePathRunsAndASyncGroupsMissingOneIsDisabled() {
        ValidationReport report = validate(Configs.INSTANCE + """
                notify = "true"
                [vrrp_sync_group.G1]
                group = ["VI_1"]
                notify_master = "/nonexistent/group.sh"
                """);

        assertEquals(List.of("test.toml:8:1: warning: vrrp_sync_group.G1.notify_master: /nonexistent/group.sh does not"
                + " exist; this notify command is disabled (as keepalived disables it) until a reload finds it"
                + " runnable"), Configs.messages(report));
        HakeeperConfig config = report.config().orElseThrow();
        assertEquals(Optional.of(List.of("true")), config.instances().get("VI_1").notifyCommands().any());
        assertEquals(Optional.empty(), config.syncGroups().get("G1").notifyCommands().master());
    }
}
