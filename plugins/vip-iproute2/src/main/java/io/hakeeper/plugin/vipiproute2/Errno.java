package io.hakeeper.plugin.vipiproute2;

/** The errno values the netlink backend tells apart, and the C library's words for any errno. */
final class Errno {

    static final int ENODEV = 19;
    static final int EEXIST = 17;
    static final int EAGAIN = 11;
    static final int EADDRNOTAVAIL = 99;

    private Errno() {
    }

    /** {@code strerror(errno)}, as {@code ip} prints it: "No such device". */
    static String text(int errno) {
        return LibC.INSTANCE.strerror(errno);
    }
}
