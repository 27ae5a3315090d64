package io.hakeeper.engine.net;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls the transport needs, declared by us because jnr-posix has no socket calls. Every call
 * that can fail saves errno ({@link Native#errno()} reads it). Public only because jnr-ffi implements
 * it from another class loader; nothing outside this package should call it.
 */
public interface LibC {

    /** Only ever called with SIG_DFL (0): a disposition inherited as SIG_IGN back to the default. */
    long signal(int signum, long handler);


    @SaveError
    int socket(int domain, int type, int protocol);

    /** Binds a socket; for netlink, {@code struct sockaddr_nl} with the multicast groups to join. */
    @SaveError
    int bind(int fd, @In Pointer address, int length);

    @SaveError
    int setsockopt(int fd, int level, int option, @In Pointer value, int length);

    @SaveError
    @ssize_t
    long sendmsg(int fd, @In Pointer message, int flags);

    @SaveError
    @ssize_t
    long recvmsg(int fd, Pointer message, int flags);

    /** Up to {@code length} messages of a {@code struct mmsghdr} array; {@code timeout} null: none. */
    @SaveError
    int recvmmsg(int fd, Pointer messages, int length, int flags, Pointer timeout);

    /** @return the interface index, or 0 with errno set (ENODEV) */
    @SaveError
    int if_nametoindex(String name);

    @SaveError
    int epoll_create1(int flags);

    @SaveError
    int epoll_ctl(int epollFd, int operation, int fd, Pointer event);

    @SaveError
    int epoll_wait(int epollFd, Pointer events, int maxEvents, int timeoutMillis);

    /**
     * A system call by number, for one that glibc before 2.35 does not wrap: epoll_pwait2(2) (epoll fd,
     * events, max events, {@code struct timespec} timeout or null, signal mask). The mask is always null, so
     * its size, a sixth argument the kernel then ignores, is left out: six arguments in all, as many as
     * jnr-ffi passes without allocating per call.
     */
    @SaveError
    long syscall(long number, long epollFd, Pointer events, long maxEvents, Pointer timeout, Pointer signalMask);

    @SaveError
    int close(int fd);

    @SaveError
    int open(String path, int flags);

    /** Moves the calling thread (not the process) into the namespace that {@code fd} refers to. */
    @SaveError
    int setns(int fd, int namespaceType);

    @SaveError
    int eventfd(int initialValue, int flags);

    @SaveError
    int timerfd_create(int clockId, int flags);

    /** Arms ({@code struct itimerspec}; an all-zero it_value disarms) and clears any expiry not yet read. */
    @SaveError
    int timerfd_settime(int fd, int flags, @In Pointer newValue, Pointer oldValue);

    @SaveError
    @ssize_t
    long read(int fd, Pointer buffer, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, @In Pointer buffer, @size_t long count);

    /** The clock's time as a {@code struct timespec}; through the vDSO, no system call. */
    int clock_gettime(int clockId, Pointer time);

    String strerror(int errno);
}
