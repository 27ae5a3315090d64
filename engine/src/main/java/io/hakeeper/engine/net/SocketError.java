package io.hakeeper.engine.net;

/**
 * A failed native call: which call, on what (an option, an interface), and errno. Made only when a call
 * fails, so the success path allocates nothing; the caller logs it once per cause and counts it.
 *
 * @param call   the call that failed
 * @param detail what it was doing, e.g. {@code IPV6_ADD_MEMBERSHIP on eth0}; may be empty
 * @param errno  the C errno, e.g. 105 for ENOBUFS, 19 for ENODEV, 1 for EPERM
 */
public record SocketError(NativeCall call, String detail, int errno) {

    /** libc's text for the errno, e.g. "No buffer space available". */
    public String reason() {
        return LibC.strerror(errno);
    }

    @Override
    public String toString() {
        return call + (detail.isEmpty() ? "" : " (" + detail + ")") + ": " + reason() + " (errno " + errno + ")";
    }
}
