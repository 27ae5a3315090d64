package io.hakeeper.engine.realtime;

import com.sun.jna.NativeLibrary;

/**
 * The libc calls that set a thread's scheduling, nice level and CPU set, and lock memory. Every call that
 * can fail leaves errno for {@link Kernel#errno()}. Bound by JNA's direct mapping, as the transport's
 * calls are: arrays are copied in and back by JNI, nothing is generated at run time.
 */
final class RealtimeLibC {

    static {
        com.sun.jna.Native.register(RealtimeLibC.class, NativeLibrary.getInstance("c"));
    }

    private RealtimeLibC() {
    }

    /** The calling thread's kernel id (glibc 2.30 and later). */
    static native int gettid();

    /** The CPU the calling thread runs on now, or -1. */
    static native int sched_getcpu();

    /** {@code param}: {@code struct sched_param}, one int, the priority. */
    static native int sched_setscheduler(int tid, int policy, int[] param);

    /** The thread's policy, with SCHED_RESET_ON_FORK or'ed in when set; -1 on error. */
    static native int sched_getscheduler(int tid);

    /** {@code mask}: a {@code cpu_set_t} of {@code size} bytes. */
    static native int sched_setaffinity(int tid, long size, long[] mask);

    static native int sched_getaffinity(int tid, long size, long[] mask);

    static native int setpriority(int which, int who, int nice);

    /**
     * syscall(2) for {@code sched_setattr(tid, attr, flags)}, which glibc wraps only from 2.41 on.
     * {@code attr}: {@code struct sched_attr} as {@link Kernel#schedAttr} lays it out.
     */
    static native long syscall(long number, long tid, long[] attr, long flags);

    static native int mlockall(int flags);

    static native int munlockall();

    static native int mlock(long address, long length);

    /** {@code limit}: {@code struct rlimit}, soft then hard. */
    static native int getrlimit(int resource, long[] limit);

    static native int setrlimit(int resource, long[] limit);

    static native String strerror(int errno);

    static native int getpid();

    static native int getpagesize();

    /**
     * Copies from this or another process's memory: {@code localIov} and {@code remoteIov} are
     * {@code struct iovec} arrays, base then length per entry. Reads a page of our own that was unmapped
     * meanwhile fail with EFAULT rather than a fault.
     */
    static native long process_vm_readv(int pid, long[] localIov, long localCount, long[] remoteIov,
                                        long remoteCount, long flags);
}
