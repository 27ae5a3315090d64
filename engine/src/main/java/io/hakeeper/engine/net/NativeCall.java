package io.hakeeper.engine.net;

/** The native calls whose failure a caller may be told of; named in every {@link SocketError}. */
public enum NativeCall {
    SOCKET, BIND, SETSOCKOPT, IF_NAMETOINDEX, SENDMSG, RECVMSG, RECVMMSG, EPOLL_CREATE1, EPOLL_CTL, EPOLL_WAIT, OPEN,
    SETNS, EVENTFD, TIMERFD, READ, WRITE, LISTEN, ACCEPT4, GETSOCKOPT, RECV, SEND,
    /** Not a libc call: reading the interface's IPv6 link-local address from /proc. */
    FIND_LINK_LOCAL,
    /** Not a libc call: the kernel refused a netlink request (the errno of its NLMSG_ERROR answer). */
    NETLINK_REQUEST;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
