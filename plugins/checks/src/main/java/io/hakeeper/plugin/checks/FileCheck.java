package io.hakeeper.plugin.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import io.hakeeper.api.Check;
import io.hakeeper.api.CheckResult;

/**
 * Reads the tracked file each run, as keepalived reads it on every change: the number at the start of its
 * first bytes (C's strtol: decimal, {@code 0x} hex or leading-zero octal), 0 when the file is missing,
 * unreadable, empty or starts with no number. A number outside the 32-bit range is ignored and the
 * previous value kept. The file is read every interval rather than watched with inotify: one small read
 * per second costs less than a watch thread, and the interval bounds the delay.
 */
final class FileCheck implements Check {

    /** keepalived reads at most this much of the file. */
    private static final int READ_LIMIT = 127;

    private final Path file;
    private final OptionalLong initFile;
    private boolean initialised;
    private long last;

    FileCheck(Path file, OptionalLong initFile) {
        this.file = file;
        this.initFile = initFile;
    }

    @Override
    public CheckResult run() throws IOException {
        if (!initialised) {
            initialised = true;
            if (initFile.isPresent() && Files.notExists(file)) {
                Files.writeString(file, initFile.getAsLong() + "\n");
            }
        }
        OptionalLong read = CNumber.parse(readStart());
        if (read.isPresent() && read.getAsLong() >= Integer.MIN_VALUE && read.getAsLong() <= Integer.MAX_VALUE + 1L) {
            last = read.getAsLong();
        }
        return CheckResult.value(last);
    }

    private String readStart() {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(READ_LIMIT), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // missing or unreadable: keepalived counts it as 0, and so the operator can remove the file to clear it
            return "";
        }
    }
}
