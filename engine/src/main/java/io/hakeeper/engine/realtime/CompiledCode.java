package io.hakeeper.engine.realtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the JIT is still at work, seen from the bytes of its code cache: each method it compiles adds
 * code there. The JVM's own count of compilations is not public, and its total compilation time is kept
 * in whole milliseconds, which a burst of small C1 compilations can leave unchanged.
 */
public final class CompiledCode {

    private final List<MemoryPoolMXBean> pools = new ArrayList<>();

    private CompiledCode() {
    }

    /** The code cache's pools: one "CodeCache", or the "CodeHeap '...'" segments of a segmented cache. */
    public static CompiledCode ofThisJvm() {
        CompiledCode code = new CompiledCode();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("CodeCache") || pool.getName().startsWith("CodeHeap")) {
                code.pools.add(pool);
            }
        }
        return code;
    }

    /** Bytes in use in the code cache now; it changes when a method is compiled (or flushed). */
    public long bytesUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : pools) {
            used += pool.getUsage().getUsed();
        }
        return used;
    }
}
