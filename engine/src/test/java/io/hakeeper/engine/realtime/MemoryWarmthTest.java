package io.hakeeper.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.sun.jna.Memory;

/**
 * A warm-up pass reads the pages this process has in memory, and only those: memory allocated but never
 * touched stays out of the resident set, and a pass leaves the resident set as it found it.
 */
class MemoryWarmthTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aPassReadsTheResidentPagesWithoutPagingAnythingIn() throws Exception {
        MemoryWarmth warmth = MemoryWarmth.process();
        warmth.pass(); // its buffers are made at the first pass
        // 256 MiB from malloc, never touched: mapped, readable, not resident
        Memory untouched = new Memory(256 * MIB);
        long before = residentKib();
        long passes = warmth.passes();
        warmth.pass();
        long grown = residentKib() - before;

        assertEquals(passes + 1, warmth.passes());
        long residentPages = before * 1024 / RealtimeLibC.getpagesize();
        assertTrue(warmth.lastPassPages() > residentPages / 2 && warmth.lastPassPages() <= residentPages * 2,
                "read " + warmth.lastPassPages() + " pages, resident " + residentPages);
        assertTrue(grown < 4 * 1024, "the pass paged in " + grown + " KiB (256 MiB allocated, untouched)");
        assertTrue(untouched.size() > 0);
    }

    @Test
    void beforeTakeoverReturnsAtOnceAndTheWarmThreadMakesThePass() throws Exception {
        MemoryWarmth warmth = MemoryWarmth.process();
        long passes = warmth.passes();
        long deadline = System.nanoTime() + 10_000_000_000L;
        // passes closer together than the minimum gap are one: ask until one is made
        while (warmth.passes() == passes && System.nanoTime() < deadline) {
            warmth.beforeTakeover();
            Thread.sleep(20);
        }
        assertTrue(warmth.passes() > passes, "no pass within 10 s of asking");
        assertTrue(warmth.lastPassMicros() > 0);
    }

    private static long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
