package io.hakeeper.engine.realtime;

import java.util.ArrayList;
import java.util.List;

/** A {@code cpu_set_t} as libc takes it: 1024 bits in 16 longs, CPU n at bit n % 64 of long n / 64. */
final class CpuSet {

    private CpuSet() {
    }

    static long[] of(List<Integer> cpus) {
        long[] mask = new long[Kernel.CPU_SET_BYTES / Long.BYTES];
        for (int cpu : cpus) {
            mask[cpu / Long.SIZE] |= 1L << (cpu % Long.SIZE);
        }
        return mask;
    }

    static List<Integer> cpus(long[] mask) {
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < mask.length * Long.SIZE; i++) {
            if ((mask[i / Long.SIZE] & (1L << (i % Long.SIZE))) != 0) {
                cpus.add(i);
            }
        }
        return cpus;
    }
}
