package io.hakeeper.engine.realtime;

/**
 * Nice 19 for the calling thread alone (Linux gives each thread a nice level of its own): for a thread whose
 * work may wait, so that it runs when a CPU has nothing better to do and never takes one from the event
 * loop or a VIP thread in the middle of a takeover.
 */
public final class LowestPriority {

    private static final int LOWEST = 19;

    private LowestPriority() {
    }

    /** Lowers the calling thread's priority; left as it is if refused or if libc cannot be bound. */
    public static void forCurrentThread() {
        try {
            RealtimeLibC.setpriority(Kernel.PRIO_PROCESS, RealtimeLibC.gettid(), LOWEST);
        } catch (LinkageError e) {
            // no libc binding (a JVM without JNA's native part): the thread keeps the daemon's priority
        }
    }
}
