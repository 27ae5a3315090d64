package io.hakeeper.engine.loop;

/**
 * What the loop reads each time it wakes, before it runs due timers: the daemon's raw sockets and its
 * link watch. Must not block; reads until the kernel has nothing more.
 */
@FunctionalInterface
public interface LoopIo {

    LoopIo NONE = now -> { };

    void readReady(long nowNanos);
}
