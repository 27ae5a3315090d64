package io.hakeeper.engine.net;

import com.sun.jna.NativeLibrary;

/**
 * The libc calls the transport and the control socket need, bound by JNA's direct mapping: each method
 * is a native method that JNA registers against the C library when this class is initialised, so a call
 * is one JNI transition that allocates nothing, and no code is generated at run time. Memory is passed by
 * its address ({@link NativeMemory#address()}; 0 for NULL). errno of a call that failed is read with
 * {@link Native#errno()}. JNA is on the
 * daemon's class path for the plugins anyway; this class lives in the application class loader, so JNA's
 * registration cache keeps nothing that a reload must free.
 *
 * <p>{@code ssize_t} and {@code size_t} are {@code long}: Linux is LP64 on every architecture hakeeper runs on.
 */
final class LibC {

    static {
        com.sun.jna.Native.register(LibC.class, NativeLibrary.getInstance("c"));
    }

    private LibC() {
    }

    /** Does nothing but make sure the class, and with it the binding, is initialised. */
    static void bind() {
        // the static initialiser above is the work
    }

    /** Only ever called with SIG_DFL (0): a disposition inherited as SIG_IGN back to the default. */
    static native long signal(int signum, long handler);

    static native int socket(int domain, int type, int protocol);

    /** Binds a socket; for netlink, {@code struct sockaddr_nl} with the multicast groups to join. */
    static native int bind(int fd, long address, int length);

    static native int listen(int fd, int backlog);

    /** {@code address} and {@code length} null: the peer's address is not wanted. */
    static native int accept4(int fd, long address, long length, int flags);

    static native int shutdown(int fd, int how);

    static native int setsockopt(int fd, int level, int option, long value, int length);

    /** {@code length}: a socklen_t holding the room in {@code value}; the kernel writes what it used. */
    static native int getsockopt(int fd, int level, int option, long value, long length);

    static native long sendmsg(int fd, long message, int flags);

    static native long recvmsg(int fd, long message, int flags);

    static native long send(int fd, long buffer, long length, int flags);

    static native long recv(int fd, long buffer, long length, int flags);

    /** Up to {@code length} messages of a {@code struct mmsghdr} array; {@code timeout} null: none. */
    static native int recvmmsg(int fd, long messages, int length, int flags, long timeout);

    /** @return the interface index, or 0 with errno set (ENODEV) */
    static native int if_nametoindex(String name);

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epollFd, int operation, int fd, long event);

    static native int epoll_wait(int epollFd, long events, int maxEvents, int timeoutMillis);

    /**
     * A system call by number, for one that glibc before 2.35 does not wrap: epoll_pwait2(2) (epoll fd,
     * events, max events, {@code struct timespec} timeout or null, signal mask). The mask is always null, so
     * its size, a sixth argument the kernel then ignores, is left out.
     */
    static native long syscall(long number, long epollFd, long events, long maxEvents, long timeout,
                               long signalMask);

    static native int close(int fd);

    static native int open(String path, int flags);

    /** Moves the calling thread (not the process) into the namespace that {@code fd} refers to. */
    static native int setns(int fd, int namespaceType);

    static native int eventfd(int initialValue, int flags);

    static native int timerfd_create(int clockId, int flags);

    /** Arms ({@code struct itimerspec}; an all-zero it_value disarms) and clears any expiry not yet read. */
    static native int timerfd_settime(int fd, int flags, long newValue, long oldValue);

    static native long read(int fd, long buffer, long count);

    static native long write(int fd, long buffer, long count);

    /** The clock's time as a {@code struct timespec}; through the vDSO, no system call. */
    static native int clock_gettime(int clockId, long time);

    static native String strerror(int errno);
}
