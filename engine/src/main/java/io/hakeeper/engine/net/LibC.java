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

    /** @return the interface index, or 0 with errno set (ENODEV) */
    @SaveError
    int if_nametoindex(String name);

    /** poll with a nanosecond timeout ({@code struct timespec}, null: none) and no signal mask change. */
    @SaveError
    int ppoll(Pointer fds, long count, Pointer timeout, Pointer signalMask);

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

    String strerror(int errno);
}
