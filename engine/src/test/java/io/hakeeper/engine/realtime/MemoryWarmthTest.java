package io.hakeeper.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A warm-up pass reads the pages this process has in memory, and only those: memory allocated but never
 * touched stays out of the resident set, a pass leaves the resident set as it found it, and a page it
 * cannot read (unmapped meanwhile) costs that page only.
 */
class MemoryWarmthTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aPassReadsTheResidentPagesWithoutPagingAnythingIn() throws Exception {
        MemoryWarmth warmth = MemoryWarmth.process();
        // 64 MiB from malloc, never touched: mapped, readable, not in memory
        Memory untouched = new Memory(64 * MIB);
        long start = Pointer.nativeValue(untouched);
        assertEquals(0, presentPages(start, untouched.size()), "malloc touched its memory");
        // a file just written, so all in the page cache, mapped but not read through the mapping: the page
        // cache is other processes' as much as ours (mincore would call these pages resident)
        Path file = Files.createTempFile("warmth", ".bin");
        Files.write(file, new byte[(int) (4 * MIB)]);
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, 4 * MIB);
        } finally {
            Files.delete(file);
        }
        long mappedStart = Pointer.nativeValue(Native.getDirectBufferPointer(mapped));
        assertEquals(0, presentPages(mappedStart, 4 * MIB), "mapping the file read it");
        long residentPages = residentKib() * 1024 / RealtimeLibC.getpagesize();
        long passes = warmth.passes();
        warmth.pass();

        assertEquals(passes + 1, warmth.passes());
        assertTrue(warmth.lastPassPages() > residentPages / 2 && warmth.lastPassPages() <= residentPages * 2,
                "read " + warmth.lastPassPages() + " pages, resident " + residentPages);
        assertEquals(0, presentPages(start, untouched.size()), "the pass paged in untouched memory");
        assertEquals(0, presentPages(mappedStart, 4 * MIB), "the pass mapped in a file's cached pages");
        assertEquals(4 * MIB, mapped.capacity());
    }

    /** Pages of {@code [start, start + length)} in memory, from the page map's present bit. */
    private static long presentPages(long start, long length) throws IOException {
        long pageSize = RealtimeLibC.getpagesize();
        long first = (start + pageSize - 1) / pageSize;
        long last = (start + length) / pageSize;
        byte[] entries = new byte[(int) (last - first) * 8];
        try (RandomAccessFile pageMap = new RandomAccessFile("/proc/self/pagemap", "r")) {
            pageMap.seek(first * 8);
            pageMap.readFully(entries);
        }
        ByteBuffer buffer = ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
        long present = 0;
        for (int i = 0; i < entries.length; i += 8) {
            present += buffer.getLong(i) < 0 ? 1 : 0;
        }
        return present;
    }

    @Test
    void aPageThatCannotBeReadIsSkippedAndTheReadGoesOnAfterIt() throws Exception {
        Memory first = new Memory(8);
        Memory second = new Memory(8);
        first.setLong(0, 1);
        second.setLong(0, 2);
        long unmapped = 4096; // the first pages of a process are never mapped
        long read = MemoryWarmth.process().readEach(Pointer.nativeValue(first), unmapped, unmapped + 4096,
                Pointer.nativeValue(second));
        assertEquals(2, read, "the pages on either side of two unreadable ones");
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
