package io.hakeeper.engine.realtime;

import io.hakeeper.engine.plugin.PluginLanes;

/**
 * Keeps a spinning VIP worker ({@link PluginLanes#submitExpecting}) off the CPU the event loop last ran on,
 * for as long as it spins. At a takeover's deadline the kernel wakes the loop on that CPU when it is idle;
 * with the spinner there, it put the loop on the spinner's CPU when the other was busy, where it waited for
 * the spinner's time slice to end (1.5 ms measured at the takeover, on a host of two) — or, had the spinner
 * yielded, the spinner waited for the loop. Best effort: a refused or impossible placement (one CPU allowed)
 * leaves the spinner where it is. The loop's own CPU set is restored after the spin, so a
 * vrrp_cpu_affinity applied meanwhile is kept.
 */
public final class AwayFromLoop implements PluginLanes.Spinning {

    private static final int WORDS = Kernel.CPU_SET_BYTES / Long.BYTES;

    /** The loop's thread id and the CPU it last ran on, as the loop last noted them; -1 when unknown. */
    private volatile int loopTid = -1;
    private volatile int loopCpu = -1;
    /** The spinner's masks, its own before it moved and a scratch one; only the one spinning thread uses them. */
    private final long[] before = new long[WORDS];
    private final long[] mask = new long[WORDS];
    /** Whether the spinner moved, and so has {@link #before} to go back to. */
    private boolean moved;

    /**
     * Links the native calls now, on the calling thread: the first use of the C library's binding makes its
     * code (15-20 ms measured), which on the event loop at a takeover's heads-up made the takeover that
     * late. Called at start on a plugin thread, beside the elections.
     */
    public void warmUp() {
        try {
            RealtimeLibC.sched_getcpu();
            RealtimeLibC.sched_getaffinity(0, Kernel.CPU_SET_BYTES, mask);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no native access: noteLoop finds the same and the spinner stays where it is
        }
    }

    /** Notes the calling thread (the event loop) and the CPU it runs on now. */
    public void noteLoop() {
        try {
            loopTid = RealtimeLibC.gettid();
            loopCpu = RealtimeLibC.sched_getcpu();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            loopCpu = -1; // no native access here: the spinner stays where it is
        }
    }

    /** The CPU last noted, or -1 (tests). */
    int loopCpu() {
        return loopCpu;
    }

    @Override
    public void spinning() {
        int cpu = loopCpu;
        if (cpu < 0 || cpu >= WORDS * Long.SIZE) {
            return;
        }
        try {
            if (RealtimeLibC.sched_getaffinity(0, Kernel.CPU_SET_BYTES, before) != 0) {
                return;
            }
            long bit = 1L << (cpu % Long.SIZE);
            if ((before[cpu / Long.SIZE] & bit) == 0 || CpuSet.cpus(before).size() < 2) {
                return;
            }
            System.arraycopy(before, 0, mask, 0, WORDS);
            mask[cpu / Long.SIZE] &= ~bit;
            moved = RealtimeLibC.sched_setaffinity(0, Kernel.CPU_SET_BYTES, mask) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // best effort, as above
        }
    }

    /** The loop's CPU set back (vrrp_cpu_affinity may have changed it meanwhile), or else the spinner's own. */
    @Override
    public void spun() {
        if (!moved) {
            return;
        }
        moved = false;
        try {
            int tid = loopTid;
            boolean loops = tid >= 0 && RealtimeLibC.sched_getaffinity(tid, Kernel.CPU_SET_BYTES, mask) == 0;
            RealtimeLibC.sched_setaffinity(0, Kernel.CPU_SET_BYTES, loops ? mask : before);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // best effort, as above
        }
    }
}
