package io.hakeeper.plugin.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;
import io.hakeeper.api.MapSettings;
import io.hakeeper.api.SettingsException;

class FileCheckTest {

    @TempDir
    Path dir;

    private Check check(Object... keysAndValues) {
        return Checks.create(new FileCheckFactory(), MapSettings.of(keysAndValues), dir);
    }

    @Test
    void theNumberInTheFileIsTheValueAndChangesAreSeenOnTheNextRun() throws Exception {
        Path file = dir.resolve("prio");
        Files.writeString(file, "-20\n");
        try (Check check = check("file", file.toString())) {
            assertEquals(CheckResult.value(-20), check.run());
            Files.writeString(file, "7");
            assertEquals(CheckResult.value(7), check.run());
        }
    }

    @Test
    void missingEmptyOrNonNumericFilesCountAsZeroAsInKeepalived() throws Exception {
        Path file = dir.resolve("prio");
        try (Check check = check("file", "prio")) {
            assertEquals(CheckResult.value(0), check.run(), "missing");
            Files.writeString(file, "");
            assertEquals(CheckResult.value(0), check.run(), "empty");
            Files.writeString(file, "maintenance");
            assertEquals(CheckResult.value(0), check.run(), "text");
        }
    }

    @Test
    void numbersAreReadAsStrtolReadsThem() throws Exception {
        Path file = dir.resolve("prio");
        try (Check check = check("file", file.toString())) {
            for (String[] written : new String[][] {{"  12abc", "12"}, {"0x10", "16"}, {"010", "8"}, {"+5", "5"},
                    {"-0x1f\n", "-31"}, {"0", "0"}}) {
                Files.writeString(file, written[0]);
                assertEquals(CheckResult.value(Long.parseLong(written[1])), check.run(), written[0]);
            }
        }
    }

    @Test
    void aNumberBeyondThirtyTwoBitsIsIgnoredAndThePreviousValueKept() throws Exception {
        Path file = dir.resolve("prio");
        Files.writeString(file, "3");
        try (Check check = check("file", file.toString())) {
            assertEquals(CheckResult.value(3), check.run());
            Files.writeString(file, "99999999999");
            assertEquals(CheckResult.value(3), check.run());
        }
    }

    @Test
    void initFileCreatesAMissingFileOnTheFirstRunAndLeavesAnExistingOne() throws Exception {
        try (Check check = check("file", "created", "init_file", 5L)) {
            assertEquals(CheckResult.value(5), check.run());
            assertEquals("5\n", Files.readString(dir.resolve("created")));
        }
        Files.writeString(dir.resolve("kept"), "9");
        try (Check check = check("file", "kept", "init_file", 5L)) {
            assertEquals(CheckResult.value(9), check.run());
        }
    }

    @Test
    void aFileIsRequired() {
        assertThrows(SettingsException.class, () -> check());
        assertThrows(SettingsException.class, () -> check("file", " "));
    }
}
