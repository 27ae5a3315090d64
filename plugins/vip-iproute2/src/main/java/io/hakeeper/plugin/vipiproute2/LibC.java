package io.hakeeper.plugin.vipiproute2;

import java.nio.ByteBuffer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The few libc calls the netlink socket needs, through JNA (from the daemon's class path). Every call
 * that can fail throws {@link LastErrorException} with errno; {@code size_t} and {@code ssize_t} are
 * {@link NativeLong} (Linux is LP64). Buffers passed are direct, with their position at 0.
 *
 * <p>Direct mapping (native methods bound once by {@link Native#register}) rather than an interface: an
 * interface call goes through a proxy and JNA's reflective conversion of every argument, a few hundred
 * bytecodes per call that the VIP thread runs in the interpreter when a backup takes over for the first
 * time, between its first advert and its VIPs' add.
 */
final class LibC {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int MSG_TRUNC = 0x20;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    static {
        Native.register("c");
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

    static native NativeLong sendto(int fd, ByteBuffer buffer, NativeLong length, int flags, byte[] address,
                                    int addressLength) throws LastErrorException;

    static native NativeLong recvfrom(int fd, ByteBuffer buffer, NativeLong length, int flags, byte[] address,
                                      int[] addressLength) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native String strerror(int errno);
}
