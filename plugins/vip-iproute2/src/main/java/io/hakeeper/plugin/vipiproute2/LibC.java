package io.hakeeper.plugin.vipiproute2;

import java.nio.ByteBuffer;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;

/**
 * The few libc calls the netlink socket needs, through JNA (on the daemon's class path). Every call that
 * can fail throws {@link LastErrorException} with errno; {@code size_t} and {@code ssize_t} are
 * {@link NativeLong} (Linux is LP64). Buffers passed are direct, with their position at 0.
 *
 * <p>Each call is a JNA {@link Function} looked up by name in the C library JNA holds for everyone, not an
 * interface handed to {@code Native.load}: JNA caches the options of every such interface in a map whose
 * entries refer to the interface itself and are never removed, which kept this plugin's class loader (and
 * with it every plugin loaded beside it) alive after each reload that replaced the daemon.
 */
final class LibC {

    static final LibC INSTANCE = new LibC();

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
    static final int SIOCGIFINDEX = 0x8933;
    /** struct ifreq: the name (IFNAMSIZ bytes, NUL included), then a union of 24 bytes on LP64. */
    static final int IFREQ_SIZE = 40;
    static final int IFNAMSIZ = 16;

    private static final Function SOCKET = failing("socket");
    private static final Function SETSOCKOPT = failing("setsockopt");
    private static final Function SENDTO = failing("sendto");
    private static final Function RECVFROM = failing("recvfrom");
    private static final Function CLOSE = failing("close");
    private static final Function OPEN = failing("open");
    private static final Function SETNS = failing("setns");
    private static final Function IOCTL = failing("ioctl");
    private static final Function STRERROR = Function.getFunction("c", "strerror");

    private LibC() {
    }

    int socket(int domain, int type, int protocol) throws LastErrorException {
        return SOCKET.invokeInt(new Object[] {domain, type, protocol});
    }

    int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException {
        return SETSOCKOPT.invokeInt(new Object[] {fd, level, name, value, length});
    }

    NativeLong sendto(int fd, ByteBuffer buffer, NativeLong length, int flags, byte[] address, int addressLength)
            throws LastErrorException {
        return new NativeLong(SENDTO.invokeLong(new Object[] {fd, buffer, length, flags, address, addressLength}));
    }

    NativeLong recvfrom(int fd, ByteBuffer buffer, NativeLong length, int flags, byte[] address, int[] addressLength)
            throws LastErrorException {
        return new NativeLong(RECVFROM.invokeLong(new Object[] {fd, buffer, length, flags, address, addressLength}));
    }

    int close(int fd) throws LastErrorException {
        return CLOSE.invokeInt(new Object[] {fd});
    }

    int open(String path, int flags) throws LastErrorException {
        return OPEN.invokeInt(new Object[] {path, flags});
    }

    int setns(int fd, int nstype) throws LastErrorException {
        return SETNS.invokeInt(new Object[] {fd, nstype});
    }

    int ioctl(int fd, long request, byte[] argument) throws LastErrorException {
        return IOCTL.invokeInt(new Object[] {fd, new NativeLong(request), argument});
    }

    String strerror(int errno) {
        return STRERROR.invokeString(new Object[] {errno}, false);
    }

    /** A call that reports failure by errno, thrown as {@link LastErrorException}. */
    private static Function failing(String name) {
        return Function.getFunction("c", name, Function.THROW_LAST_ERROR);
    }
}
