package io.hakeeper.libc;

import java.nio.Buffer;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libc calls a plugin makes on its hot path: a frame on a packet socket, a netlink request and its
 * answer, an interface's index. Bound by JNA's direct mapping: each method is a native method registered
 * against the C library when this class is initialised, so a call is one JNI transition that allocates
 * nothing. A call through a JNA {@code Function} converts and checks every argument by reflection and
 * allocates their array: measured in a namespace, five gratuitous ARPs on a packet socket took 16.7 µs
 * that way and 5.9 µs this way.
 *
 * <p>Why not in the plugin: JNA keeps, for every class it binds, an entry that refers to the class and is
 * never removed, so a class bound in a plugin would keep the plugin's class loader (and every plugin
 * loaded beside it) alive after each reload that replaces the daemon. This class lives in the daemon's
 * class loader, once; plugins compile against it at provided scope, and their class loader always takes
 * it from the daemon.
 *
 * <p>Memory is passed by its native address ({@link #addressOf} of a direct buffer, or
 * {@link Pointer#nativeValue} of JNA memory; 0 for NULL). A call that fails returns -1; {@link #errno()}
 * then says why. {@code size_t} and {@code ssize_t} are {@code long} (Linux is LP64 on every architecture
 * hakeeper runs on).
 */
public final class Syscalls {

    static {
        Native.register(Syscalls.class, NativeLibrary.getInstance("c"));
    }

    private Syscalls() {
    }

    /** sendto(2): {@code length} bytes at {@code buffer} to the socket address at {@code address}. */
    public static native long sendto(int fd, long buffer, long length, int flags, long address, int addressLength);

    /**
     * recvfrom(2): {@code addressLength} points at a socklen_t holding the room at {@code address}; the
     * kernel writes the sender's address there and its length back.
     */
    public static native long recvfrom(int fd, long buffer, long length, int flags, long address, long addressLength);

    /** ioctl(2) with a pointer argument ({@code struct ifreq} for SIOCGIFINDEX, say). */
    public static native int ioctl(int fd, long request, long argument);

    /** errno of this thread's last call of this class (JNA keeps it per thread after every call). */
    public static int errno() {
        return Native.getLastError();
    }

    /** The native address of a direct buffer's first byte; look it up once per buffer, not per call. */
    public static long addressOf(Buffer directBuffer) {
        if (!directBuffer.isDirect()) {
            throw new IllegalArgumentException("a native call needs a direct buffer");
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(directBuffer));
    }
}
