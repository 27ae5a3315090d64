package io.hakeeper.engine.realtime;

import java.util.Map;

/** Linux's numbers for its calls, and errno in words. */
final class Kernel {

    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    /** Threads and processes the thread creates start under SCHED_OTHER, and at nice 0 if it was below. */
    static final int SCHED_RESET_ON_FORK = 0x40000000;
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
    static final int ENOMEM = 12;

    static final int CAP_IPC_LOCK = 14;

    private static final Map<Integer, String> NAMES = Map.of(1, "EPERM", ESRCH, "ESRCH", 11, "EAGAIN", ENOMEM,
            "ENOMEM", 13, "EACCES", 22, "EINVAL");

    private Kernel() {
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
