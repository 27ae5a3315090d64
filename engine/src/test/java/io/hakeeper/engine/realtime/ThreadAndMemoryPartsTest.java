package io.hakeeper.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pure parts of the tuning: which threads a safepoint waits for, CPU sets, and which memory is touched. */
class ThreadAndMemoryPartsTest {

    @Test
    void theVmThreadAndStopTheWorldCollectorWorkersAreWhatASafepointWaitsFor() {
        assertTrue(JvmThreads.isSafepointWorker("VM Thread"));
        assertTrue(JvmThreads.isSafepointWorker("GC Thread#0"));
        assertTrue(JvmThreads.isSafepointWorker("GC Thread#12"));
        for (String other : List.of("G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "C1 CompilerThre",
                "VM Periodic Tas", "hakeeper-loop", "Signal Dispatch", "Service Thread")) {
            assertFalse(JvmThreads.isSafepointWorker(other), other);
        }
    }

    @Test
    void thisJvmsVmThreadIsFoundInProc() {
        assertTrue(JvmThreads.safepointWorkers().stream().anyMatch(task -> task.name().equals("VM Thread")),
                JvmThreads.all().toString());
    }

    @Test
    void aCpuSetHoldsEachCpuAtItsBit() {
        long[] mask = CpuSet.of(List.of(0, 1, 63, 64, 1023));
        assertEquals(16, mask.length);
        assertEquals(0x8000_0000_0000_0003L, mask[0]);
        assertEquals(1L, mask[1]);
        assertEquals(0x8000_0000_0000_0000L, mask[15]);
        assertEquals(List.of(0, 1, 63, 64, 1023), CpuSet.cpus(mask));
        assertArrayEquals(new long[16], CpuSet.of(List.of()));
    }

    @Test
    void onlyAnonymousWritableMappingsAreTouched() {
        List<AnonymousMemory.Region> regions = AnonymousMemory.writable(List.of(
                "f8000000-f8a00000 rw-p 00000000 00:00 0 ",
                "f8a00000-100000000 ---p 00000000 00:00 0 ",
                "55d0c000-55d2d000 rw-p 00000000 00:00 0                          [heap]",
                "7f0000000000-7f0000001000 rw-p 00001000 fe:00 1234               /usr/lib/libc.so.6",
                "7f0000100000-7f0000200000 r--s 00000000 fe:00 99                 /usr/lib/jvm/lib/modules",
                "7f0000300000-7f0000340000 rwxp 00000000 00:00 0 ",
                "7ffd0000-7ffd2000 rw-p 00000000 00:00 0                          [stack]",
                "7ffd3000-7ffd5000 r--p 00000000 00:00 0                          [vvar]"));
        assertEquals(List.of(new AnonymousMemory.Region(0xf8000000L, 0xf8a00000L),
                new AnonymousMemory.Region(0x55d0c000L, 0x55d2d000L),
                new AnonymousMemory.Region(0x7f0000300000L, 0x7f0000340000L),
                new AnonymousMemory.Region(0x7ffd0000L, 0x7ffd2000L)), regions);
        assertEquals(0xa00000L, regions.get(0).length());
    }
}
