package io.hakeeper.plugin.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.SettingsException;

/** Real processes: {@code sleep 3600 0.000NNNNNN}, whose second argument no other process on the host has. */
class ProcessCheckTest {

    private final String token = "0.000" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopSleepers() throws Exception {
        for (Process process : started) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process sleeper() throws Exception {
        Process process = new ProcessBuilder("sleep", "3600", token).start();
        started.add(process);
        return process;
    }

    private Check check(Object... keysAndValues) {
        return Checks.create(new ProcessCheckFactory(), MapSettings.of(keysAndValues), Path.of("/"));
    }

    @Test
    void upWhileTheCountIsWithinQuorumAndQuorumMax() throws Exception {
        sleeper();
        Process second = sleeper();
        String process = "sleep 3600 " + token;
        try (Check two = check("process", process, "quorum", 2L);
             Check three = check("process", process, "quorum", 3L);
             Check atMostOne = check("process", process, "quorum_max", 1L)) {
            assertEquals(CheckResult.up("2 matching processes"), two.run());
            assertEquals(CheckResult.down("2 matching processes, expected 3 or more"), three.run());
            assertEquals(CheckResult.down("2 matching processes, expected 1 to 1"), atMostOne.run());

            second.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertInstanceOf(CheckResult.Down.class, two.run());
            assertEquals(CheckResult.up("1 matching process"), atMostOne.run());
        }
    }

    @Test
    void aNameAloneIsComparedWithTheProcessNameExactly() throws Exception {
        sleeper();
        try (Check sleep = check("process", "sleep"); Check prefix = check("process", "slee")) {
            assertInstanceOf(CheckResult.Up.class, sleep.run());
            assertEquals(CheckResult.down("0 matching processes, expected 1 or more"), prefix.run());
        }
    }

    @Test
    void parametersMatchExactlyPartiallyOrInitially() throws Exception {
        sleeper();
        String shortened = token.substring(0, token.length() - 3);
        try (Check exactAll = check("process", "sleep 3600 " + token);
             Check exactFewer = check("process", "sleep 3600");
             Check partial = check("process", "sleep 3600", "param_match", "partial");
             Check initial = check("process", "sleep 3600 " + shortened, "param_match", "initial");
             Check partialShortened = check("process", "sleep 3600 " + shortened, "param_match", "partial")) {
            assertEquals(CheckResult.up("1 matching process"), exactAll.run());
            assertInstanceOf(CheckResult.Down.class, exactFewer.run());
            assertInstanceOf(CheckResult.Up.class, partial.run());
            assertEquals(CheckResult.up("1 matching process"), initial.run());
            assertInstanceOf(CheckResult.Down.class, partialShortened.run());
        }
    }

    @Test
    void badSettingsAreConfigurationErrors() {
        assertThrows(SettingsException.class, () -> check("process", ""));
        assertThrows(SettingsException.class, () -> check("process", "x", "param_match", "fuzzy"));
        assertThrows(SettingsException.class, () -> check("process", "x", "quorum", 3L, "quorum_max", 2L));
    }
}
