package io.hakeeper.plugin.vipiproute2;

import java.nio.ByteBuffer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The few libc calls the netlink socket needs, through JNA (carried inside this plugin's jar). Every call
 * that can fail throws {@link LastErrorException} with errno; {@code size_t} and {@code ssize_t} are
 * {@link NativeLong} (Linux is LP64). Buffers passed are direct, with their position at 0.
 */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int MSG_TRUNC = 0x20;
    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

    NativeLong sendto(int fd, ByteBuffer buffer, NativeLong length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    NativeLong recvfrom(int fd, ByteBuffer buffer, NativeLong length, int flags, byte[] address, int[] addressLength)
            throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    String strerror(int errno);
}
