package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.hakeeper.api.VipBackend;
import io.hakeeper.api.VirtualAddress;

/**
 * The requests byte for byte against what {@code ip} (iproute2 6.1.0, Linux x86-64) sent for the same
 * address, captured with {@code strace -xx -s 512 -e trace=sendmsg ip -n NS -4 addr add ...} in a
 * scratch namespace whose {@code va} had index 3. Each expected payload below is strace's iov_base after
 * the 16-byte header, copied as printed; the header's length, type and flags are strace's too (only the
 * sequence number, which ip takes from the clock, is ours).
 */
class RtRequestsTest {

    private static final int INDEX = 3;
    private static final int SEQ = 42;
    private static final int ADD = 0x605;
    private static final int DEL = 0x005;

    private final RtRequests requests = new RtRequests();

    /** One capture: the command, what the backend is asked for the same address, and what ip sent. */
    record Capture(String command, boolean add, VirtualAddress vip, int length, short type, int flags, String strace) {

        @Override
        public String toString() {
            return command;
        }
    }

    static List<Capture> captures() throws Exception {
        return List.of(
                new Capture("ip -4 addr add 192.0.2.10/24 dev va brd 192.0.2.255 scope global label va:1", true,
                        vip("192.0.2.10", 24, "192.0.2.255", "global", "va:1"), 60, RtRequests.RTM_NEWADDR, ADD,
                        "\\x02\\x18\\x00\\x00\\x03\\x00\\x00\\x00\\x08\\x00\\x02\\x00\\xc0\\x00\\x02\\x0a\\x08\\x00\\x04\\x00"
                        + "\\xc0\\x00\\x02\\xff\\x09\\x00\\x03\\x00\\x76\\x61\\x3a\\x31\\x00\\x00\\x00\\x00\\x08\\x00\\x01\\x00"
                        + "\\xc0\\x00\\x02\\x0a"),
                new Capture("ip -4 addr add 192.0.2.11/24 dev va", true,
                        vip("192.0.2.11", 24, null, null, null), 40, RtRequests.RTM_NEWADDR, ADD,
                        "\\x02\\x18\\x00\\x00\\x03\\x00\\x00\\x00\\x08\\x00\\x02\\x00\\xc0\\x00\\x02\\x0b\\x08\\x00\\x01\\x00"
                        + "\\xc0\\x00\\x02\\x0b"),
                new Capture("ip -4 addr add 192.0.2.40/26 dev va brd +", true,
                        vip("192.0.2.40", 26, "+", null, null), 48, RtRequests.RTM_NEWADDR, ADD,
                        "\\x02\\x1a\\x00\\x00\\x03\\x00\\x00\\x00\\x08\\x00\\x02\\x00\\xc0\\x00\\x02\\x28\\x08\\x00\\x01\\x00"
                        + "\\xc0\\x00\\x02\\x28\\x08\\x00\\x04\\x00\\xc0\\x00\\x02\\x3f"),
                new Capture("ip -4 addr add 192.0.2.70/26 dev va brd - scope link", true,
                        vip("192.0.2.70", 26, "-", "link", null), 48, RtRequests.RTM_NEWADDR, ADD,
                        "\\x02\\x1a\\x00\\xfd\\x03\\x00\\x00\\x00\\x08\\x00\\x02\\x00\\xc0\\x00\\x02\\x46\\x08\\x00\\x01\\x00"
                        + "\\xc0\\x00\\x02\\x46\\x08\\x00\\x04\\x00\\xc0\\x00\\x02\\x40"),
                new Capture("ip -6 addr add 2001:db8::11/64 dev va nodad", true,
                        vip("2001:db8::11", 64, null, null, null), 64, RtRequests.RTM_NEWADDR, ADD,
                        "\\x0a\\x40\\x02\\x00\\x03\\x00\\x00\\x00\\x14\\x00\\x02\\x00\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x11\\x14\\x00\\x01\\x00\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x11"),
                new Capture("ip -6 addr add 2001:db8::13/128 dev va nodad preferred_lft 0", true,
                        vip("2001:db8::13", 128, null, null, null), 84, RtRequests.RTM_NEWADDR, ADD,
                        "\\x0a\\x80\\x02\\x00\\x03\\x00\\x00\\x00\\x14\\x00\\x02\\x00\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x13\\x14\\x00\\x01\\x00\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x13\\x14\\x00\\x06\\x00\\x00\\x00\\x00\\x00\\xff\\xff\\xff\\xff"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"),
                new Capture("ip -4 addr del 192.0.2.11/24 dev va", false,
                        vip("192.0.2.11", 24, null, null, null), 40, RtRequests.RTM_DELADDR, DEL,
                        "\\x02\\x18\\x00\\x00\\x03\\x00\\x00\\x00\\x08\\x00\\x02\\x00\\xc0\\x00\\x02\\x0b\\x08\\x00\\x01\\x00"
                        + "\\xc0\\x00\\x02\\x0b"),
                new Capture("ip -6 addr del 2001:db8::11/64 dev va", false,
                        vip("2001:db8::11", 64, null, null, null), 64, RtRequests.RTM_DELADDR, DEL,
                        "\\x0a\\x40\\x00\\x00\\x03\\x00\\x00\\x00\\x14\\x00\\x02\\x00\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x11\\x14\\x00\\x01\\x00\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00"
                        + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x11"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void theRequestIsWhatIpSent(Capture capture) {
        ByteBuffer actual = capture.add() ? requests.addAddress(SEQ, INDEX, capture.vip())
                : requests.removeAddress(SEQ, INDEX, capture.vip());
        ByteBuffer expected = ByteBuffer.allocate(capture.length()).order(ByteOrder.nativeOrder());
        expected.putInt(capture.length()).putShort(capture.type()).putShort((short) capture.flags()).putInt(SEQ)
                .putInt(0).put(HexFormat.of().parseHex(capture.strace().replace("\\x", "")));
        byte[] sent = new byte[actual.remaining()];
        actual.duplicate().get(sent);
        assertEquals(HexFormat.of().formatHex(expected.array()), HexFormat.of().formatHex(sent));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void theMarkedRequestIsIpsWithTheProtocolAfterItAndMarkingReplacesInsteadOfCreating(Capture capture) {
        if (!capture.add()) {
            return; // a removal carries no mark
        }
        byte[] plain = bytes(requests.addAddress(SEQ, INDEX, capture.vip()));
        byte[] mark = {8, 0, RtRequests.IFA_PROTO, 0, (byte) VipBackend.ADDRESS_PROTOCOL, 0, 0, 0};
        ByteBuffer expected = ByteBuffer.allocate(plain.length + 8).order(ByteOrder.nativeOrder())
                .put(plain).put(mark).putInt(0, plain.length + 8);
        // the attribute's length is 5 (header and one byte), padded to 8
        expected.put(plain.length, (byte) 5);

        assertEquals(HexFormat.of().formatHex(expected.array()),
                HexFormat.of().formatHex(bytes(requests.addMarkedAddress(SEQ, INDEX, capture.vip()))));
        expected.putShort(6, (short) 0x105); // NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE
        assertEquals(HexFormat.of().formatHex(expected.array()),
                HexFormat.of().formatHex(bytes(requests.markAddress(SEQ, INDEX, capture.vip()))));
    }

    private static byte[] bytes(ByteBuffer request) {
        byte[] sent = new byte[request.remaining()];
        request.duplicate().get(sent);
        return sent;
    }

    @Test
    void aScopeOrBroadcastIpWouldRefuseIsRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class,
                () -> requests.addAddress(SEQ, INDEX, vip("192.0.2.11", 24, null, "universe", null)));
        assertThrows(IllegalArgumentException.class,
                () -> requests.addAddress(SEQ, INDEX, vip("192.0.2.11", 24, "example.org", null, null)));
    }

    private static VirtualAddress vip(String address, int prefix, String broadcast, String scope, String label)
            throws Exception {
        return new VirtualAddress(InetAddress.getByName(address), prefix, Optional.empty(),
                Optional.ofNullable(broadcast), Optional.ofNullable(scope), Optional.ofNullable(label));
    }
}
