package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading one request's answer out of datagrams that may hold other answers too. */
class RtRepliesTest {

    private static final int SEQ = 7;

    @Test
    void anAckIsZeroAndAnErrorItsPositiveErrno() throws IOException {
        assertEquals(0, RtReplies.scan(datagram(error(SEQ, 0)), SEQ, ignore()));
        assertEquals(Errno.EEXIST, RtReplies.scan(datagram(error(SEQ, -Errno.EEXIST)), SEQ, ignore()));
    }

    @Test
    void anAnswerToAnotherRequestIsPassedOver() throws IOException {
        List<Short> seen = new ArrayList<>();
        int result = RtReplies.scan(datagram(message(SEQ - 1, RtRequests.RTM_NEWADDR, new byte[8]),
                error(SEQ - 1, -Errno.EEXIST), error(SEQ, 0)), SEQ, (type, d, start, end) -> seen.add(type));
        assertEquals(0, result);
        assertEquals(List.of(), seen);
    }

    @Test
    void aDumpGoesOnUntilDone() throws IOException {
        List<Integer> payloads = new ArrayList<>();
        RtReplies.Handler collect = (type, d, start, end) -> payloads.add(end - start);
        assertEquals(RtReplies.MORE, RtReplies.scan(datagram(message(SEQ, RtRequests.RTM_NEWADDR, new byte[8]),
                message(SEQ, RtRequests.RTM_NEWADDR, new byte[12])), SEQ, collect));
        assertEquals(0, RtReplies.scan(datagram(message(SEQ, RtRequests.NLMSG_DONE, new byte[4])), SEQ, collect));
        assertEquals(List.of(8, 12), payloads);
    }

    @Test
    void aMessageLongerThanTheDatagramIsRefused() {
        ByteBuffer broken = datagram(error(SEQ, 0));
        broken.putInt(0, 400);
        assertThrows(IOException.class, () -> RtReplies.scan(broken, SEQ, ignore()));
    }

    private static RtReplies.Handler ignore() {
        return (type, d, start, end) -> { };
    }

    private static byte[] error(int sequence, int negativeErrno) {
        ByteBuffer payload = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(negativeErrno);
        return message(sequence, RtRequests.NLMSG_ERROR, payload.array());
    }

    private static byte[] message(int sequence, short type, byte[] payload) {
        ByteBuffer m = ByteBuffer.allocate(RtRequests.HEADER_LENGTH + payload.length).order(ByteOrder.nativeOrder());
        m.putInt(m.capacity()).putShort(type).putShort((short) 0).putInt(sequence).putInt(0).put(payload);
        return m.array();
    }

    private static ByteBuffer datagram(byte[]... messages) {
        ByteBuffer d = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
        for (byte[] m : messages) {
            d.put(m);
        }
        return d.flip();
    }
}
