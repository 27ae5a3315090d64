package io.hakeeper.engine.realtime;

import java.util.Map;

/** Linux's numbers for its calls, and errno in words. */
final class Kernel {

    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    /** Threads and processes the thread creates start under SCHED_OTHER, and at nice 0 if it was below. */
    static final int SCHED_RESET_ON_FORK = 0x40000000;
    /** sched_attr.sched_flags: as SCHED_RESET_ON_FORK, and it also gives children the default slice. */
    static final long SCHED_FLAG_RESET_ON_FORK = 0x01;
    /** The first layout of {@code struct sched_attr} (Linux 3.14), enough for policy, nice and slice. */
    static final int SCHED_ATTR_SIZE = 48;
    static final int PRIO_PROCESS = 0;
    static final int MCL_CURRENT = 1;
    static final int MCL_FUTURE = 2;
    /** Lock pages as they are touched rather than reading in every mapped file at once (Linux 4.4). */
    static final int MCL_ONFAULT = 4;
    static final int RLIMIT_MEMLOCK = 8;
    static final int RLIMIT_RTTIME = 15;
    static final long RLIM_INFINITY = -1L;
    /** glibc's cpu_set_t: 1024 CPUs. */
    static final int CPU_SET_BYTES = 128;

    static final int ESRCH = 3;
    static final int ENOSYS = 38;
    static final int ENOMEM = 12;
    static final int EFAULT = 14;

    static final int CAP_IPC_LOCK = 14;

    private static final Map<Integer, String> NAMES = Map.of(1, "EPERM", ESRCH, "ESRCH", 11, "EAGAIN", ENOMEM,
            "ENOMEM", 13, "EACCES", EFAULT, "EFAULT", 22, "EINVAL", ENOSYS, "ENOSYS");

    private Kernel() {
    }

    /** sched_setattr's number on this machine's architecture, or -1 where we do not know it. */
    static long sysSchedSetattr() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 314;
            case "aarch64", "riscv64" -> 274; // the generic table
            default -> -1;
        };
    }

    /**
     * {@code struct sched_attr} for a SCHED_OTHER thread at {@code nice} asking for slices of
     * {@code sliceNanos} (sched_runtime, which EEVDF reads as the slice and older kernels ignore), in the
     * machine's little-endian words.
     */
    static long[] schedAttr(int nice, long sliceNanos, long flags) {
        return new long[] {
            SCHED_ATTR_SIZE | ((long) SCHED_OTHER << 32),  // size, policy
            flags,
            (nice & 0xFFFF_FFFFL),                           // nice, rt priority 0
            sliceNanos,                                       // runtime
            0,                                                // deadline
            0,                                                // period
        };
    }

    /** errno of this thread's last failed call. */
    static int errno() {
        return com.sun.jna.Native.getLastError();
    }

    /** "Operation not permitted (EPERM)". */
    static String describe(int errno) {
        return RealtimeLibC.strerror(errno) + " (" + NAMES.getOrDefault(errno, "errno " + errno) + ")";
    }
}
