package io.hakeeper.engine.net;

import java.nio.Buffer;

import com.kenai.jffi.MemoryIO;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** The loaded libc and the few helpers every native structure of this package needs. */
final class Native {

    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    /** errno of this thread's last {@link LibC} call that failed. */
    static int errno() {
        return RUNTIME.getLastError();
    }

    /** Zeroed native memory, owned by the Java object that holds the pointer (freed when it is collected). */
    static Pointer allocate(int size) {
        return Memory.allocateDirect(RUNTIME, size, true);
    }

    /** The native address of a direct buffer's first byte; no allocation. */
    static long addressOf(Buffer directBuffer) {
        if (!directBuffer.isDirect()) {
            throw new IllegalArgumentException("raw socket I/O needs a direct ByteBuffer");
        }
        return MemoryIO.getInstance().getDirectBufferAddress(directBuffer);
    }
}
