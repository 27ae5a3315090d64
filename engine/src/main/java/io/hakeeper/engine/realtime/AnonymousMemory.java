package io.hakeeper.engine.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's anonymous writable mappings, from {@code /proc/self/maps}: the committed Java heap, metaspace,
 * the code cache, thread stacks and malloc's arenas. Reserved but uncommitted ranges are mapped without
 * access ({@code ---p}) and are left out, as are files and the kernel's own ({@code [vdso]}, {@code [vvar]}).
 */
final class AnonymousMemory {

    /** {@code [start, end)}. */
    record Region(long start, long end) {
        long length() {
            return end - start;
        }
    }

    private static final Path MAPS = Path.of("/proc/self/maps");

    private AnonymousMemory() {
    }

    static List<Region> writable() throws IOException {
        return writable(Files.readAllLines(MAPS));
    }

    /** {@code 7f0c1000-7f0c3000 rw-p 00000000 00:00 0   [optional path]}, one mapping per line. */
    static List<Region> writable(List<String> mapsLines) {
        List<Region> regions = new ArrayList<>();
        for (String line : mapsLines) {
            String[] fields = line.trim().split("\\s+", 6);
            if (fields.length < 5 || !fields[1].startsWith("rw")) {
                continue;
            }
            String path = fields.length == 6 ? fields[5] : "";
            boolean anonymous = fields[4].equals("0")
                    && (path.isEmpty() || path.equals("[heap]") || path.equals("[stack]"));
            if (!anonymous) {
                continue;
            }
            int dash = fields[0].indexOf('-');
            regions.add(new Region(Long.parseUnsignedLong(fields[0].substring(0, dash), 16),
                    Long.parseUnsignedLong(fields[0].substring(dash + 1), 16)));
        }
        return regions;
    }
}
