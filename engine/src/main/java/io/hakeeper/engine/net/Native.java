package io.hakeeper.engine.net;

import java.nio.Buffer;

import io.hakeeper.libc.Syscalls;

/**
 * errno and a direct buffer's address: what every native call of this package needs beside {@link LibC},
 * as the plugins' calls need them ({@link Syscalls}, whose two answers these are).
 */
final class Native {

    private Native() {
    }

    /** errno of this thread's last {@link LibC} call that failed. */
    static int errno() {
        return Syscalls.errno();
    }

    /** The native address of a direct buffer's first byte (looked up once per buffer, not per call). */
    static long addressOf(Buffer directBuffer) {
        return Syscalls.addressOf(directBuffer);
    }
}
