package io.hakeeper.engine.net;

import java.nio.Buffer;

import com.sun.jna.Pointer;

/** errno and a direct buffer's address: what every native call of this package needs beside {@link LibC}. */
final class Native {

    private Native() {
    }

    /** errno of this thread's last {@link LibC} call that failed. */
    static int errno() {
        return com.sun.jna.Native.getLastError();
    }

    /** The native address of a direct buffer's first byte (looked up once per buffer, not per call). */
    static long addressOf(Buffer directBuffer) {
        if (!directBuffer.isDirect()) {
            throw new IllegalArgumentException("raw socket I/O needs a direct ByteBuffer");
        }
        return Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(directBuffer));
    }
}
