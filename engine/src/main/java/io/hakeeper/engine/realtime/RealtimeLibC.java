package io.hakeeper.engine.realtime;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;

/**
 * The libc calls that set a thread's scheduling, nice level and CPU set, and lock memory. Every call that
 * can fail saves errno. Public only because jnr-ffi implements it from another class loader; nothing outside
 * this package should call it.
 */
public interface RealtimeLibC {

    /** The calling thread's kernel id (glibc 2.30 and later). */
    int gettid();

    /** The CPU the calling thread runs on now, or -1. */
    int sched_getcpu();

    /** {@code param}: {@code struct sched_param}, one int, the priority. */
    @SaveError
    int sched_setscheduler(int tid, int policy, @In int[] param);

    /** {@code mask}: a {@code cpu_set_t} of {@code size} bytes. */
    @SaveError
    int sched_setaffinity(int tid, @size_t long size, @In long[] mask);

    @SaveError
    int sched_getaffinity(int tid, @size_t long size, @Out long[] mask);

    @SaveError
    int setpriority(int which, int who, int nice);

    @SaveError
    int mlockall(int flags);

    @SaveError
    int munlockall();

    @SaveError
    int mlock(Pointer address, @size_t long length);

    /** {@code limit}: {@code struct rlimit}, soft then hard. */
    @SaveError
    int getrlimit(int resource, @Out long[] limit);

    @SaveError
    int setrlimit(int resource, @In long[] limit);

    String strerror(int errno);
}
