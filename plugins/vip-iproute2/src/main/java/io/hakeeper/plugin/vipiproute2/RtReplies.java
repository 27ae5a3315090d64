package io.hakeeper.plugin.vipiproute2;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the kernel's answers to one request out of netlink datagrams: the messages carrying the request's
 * sequence number go to a handler until the NLMSG_ERROR that ends them (an acknowledgement when its error
 * is 0) or, for a dump, NLMSG_DONE. Messages with another sequence number (the answer to an abandoned
 * request) are passed over.
 */
final class RtReplies {

    /** What {@link #scan} returns when the answer goes on in the next datagram. */
    static final int MORE = -1;

    /** Called with the datagram and the bounds of one message's payload, after its header. */
    @FunctionalInterface
    interface Handler {
        void message(short type, ByteBuffer datagram, int payloadStart, int payloadEnd) throws IOException;
    }

    private RtReplies() {
    }

    /**
     * @return {@link #MORE}; 0 when the answer ended well; else the errno the kernel answered with
     * @throws IOException when the datagram is not well-formed netlink
     */
    static int scan(ByteBuffer datagram, int sequence, Handler handler) throws IOException {
        int at = 0;
        int end = datagram.limit();
        while (end - at >= RtRequests.HEADER_LENGTH) {
            int length = datagram.getInt(at);
            if (length < RtRequests.HEADER_LENGTH || length > end - at) {
                throw new IOException("a netlink message of length " + length + " at offset " + at
                        + " does not fit the " + end + " bytes received");
            }
            short type = datagram.getShort(at + 4);
            int payload = at + RtRequests.HEADER_LENGTH;
            if (datagram.getInt(at + 8) == sequence) {
                if (type == RtRequests.NLMSG_ERROR || type == RtRequests.NLMSG_DONE) {
                    // struct nlmsgerr starts with a negative errno; NLMSG_DONE may carry one too
                    return at + length - payload >= 4 ? -datagram.getInt(payload) : 0;
                }
                handler.message(type, datagram, payload, at + length);
            }
            at += (length + 3) & ~3;
        }
        return MORE;
    }
}
