package io.hakeeper.plugin.vipiproute2;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;

/**
 * The netlink socket's libc calls made once per socket (open, options, close, a namespace joined),
 * through JNA (on the daemon's class path). Every call that can fail throws {@link LastErrorException}
 * with errno. Those of every request (the send, the answer, an interface's index) go through the daemon's
 * directly mapped {@code io.hakeeper.libc.Syscalls} instead.
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
    private static final Function CLOSE = failing("close");
    private static final Function OPEN = failing("open");
    private static final Function SETNS = failing("setns");
    private static final Function STRERROR = Function.getFunction("c", "strerror");

    private LibC() {
    }

    int socket(int domain, int type, int protocol) throws LastErrorException {
        return SOCKET.invokeInt(new Object[] {domain, type, protocol});
    }

    int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException {
        return SETSOCKOPT.invokeInt(new Object[] {fd, level, name, value, length});
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


    String strerror(int errno) {
        return STRERROR.invokeString(new Object[] {errno}, false);
    }

    /** A call that reports failure by errno, thrown as {@link LastErrorException}. */
    private static Function failing(String name) {
        return Function.getFunction("c", name, Function.THROW_LAST_ERROR);
    }
}
