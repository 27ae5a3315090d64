package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** rtnetlink messages built by hand, read into link and address events; no socket, no root. */
class NetlinkParserTest {

    private static final String ETH0 = new String("eth0");
    private static final String ETH1 = new String("eth1");

    private final NetlinkParser parser = new NetlinkParser(List.of(ETH0, ETH1));
    private final Recorder recorder = new Recorder();

    @Test
    void aLiveNewLinkForAWatchedNameIsUpAndCarriesTheWatchedStringItself() {
        ByteBuffer datagram = new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram();

        assertFalse(parser.parse(datagram, recorder));

        assertEquals(List.of("link eth0#3 NEW UP RUNNING LOWER_UP operstate 6"), recorder.seen);
        assertSame(ETH0, recorder.lastName, "a watched name is interned, not decoded anew");
        assertTrue(recorder.lastWasUp);
    }

    @Test
    void upWithoutRunningIsNotUpForVrrp() {
        parser.parse(new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0",
                LinkEvent.IFF_UP, LinkEvent.OPER_LOWER_LAYER_DOWN).datagram(), recorder);

        assertEquals(List.of("link eth0#3 NEW UP operstate 3"), recorder.seen);
        assertFalse(recorder.lastWasUp, "no carrier: not up");
    }

    @Test
    void severalMessagesInOneDatagramAreReportedInOrderAndAnUnwatchedNameIsDecoded() {
        ByteBuffer datagram = new HandBuiltNetlink()
                .link(NetlinkParser.RTM_NEWLINK, 0, 0, 7, "veth-probe", 0, LinkEvent.OPER_DOWN)
                .link(NetlinkParser.RTM_DELLINK, 0, 0, 7, "veth-probe", 0, LinkEvent.OPER_DOWN)
                .datagram();

        parser.parse(datagram, recorder);

        assertEquals(List.of("link veth-probe#7 NEW down operstate 2", "link veth-probe#7 DELETED"), recorder.seen);
    }

    @Test
    void theEndOfALinkDumpReportsEveryWatchedNameItLackedAsAbsent() {
        parser.dumpStarted(5, true);
        ByteBuffer datagram = new HandBuiltNetlink()
                .link(NetlinkParser.RTM_NEWLINK, NetlinkParser.NLM_F_MULTI, 5, 1, "lo", 0x49, LinkEvent.OPER_UNKNOWN)
                .link(NetlinkParser.RTM_NEWLINK, NetlinkParser.NLM_F_MULTI, 5, 2, "eth0",
                        HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP)
                .done(5)
                .datagram();

        assertTrue(parser.parse(datagram, recorder), "the DONE of our dump ends it");

        assertEquals(List.of("link lo#1 NEW UP RUNNING operstate 0 (dump)",
                "link eth0#2 NEW UP RUNNING LOWER_UP operstate 6 (dump)", "link eth1#0 ABSENT (dump)", "dumped"),
                recorder.seen);
    }

    @Test
    void aDoneOfAnotherRequestDoesNotEndTheDump() {
        parser.dumpStarted(5, true);

        assertFalse(parser.parse(new HandBuiltNetlink().done(4).datagram(), recorder));
        assertEquals(List.of(), recorder.seen);
    }

    @Test
    void anErrorAnsweringTheDumpEndsItWithItsErrno() {
        parser.dumpStarted(9, true);

        assertTrue(parser.parse(new HandBuiltNetlink().error(9, 16).datagram(), recorder));
        assertEquals(16, parser.errorNumber());
    }

    @Test
    void aWatchedInterfaceRenamedAwayIsAbsentUnderItsName() {
        parser.parse(new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram(), recorder);
        recorder.seen.clear();

        parser.parse(new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "wan0",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram(), recorder);

        assertEquals(List.of("link eth0#0 ABSENT", "link wan0#3 NEW UP RUNNING LOWER_UP operstate 6"), recorder.seen);
    }

    @Test
    void aWatchedInterfaceRenamedToAnotherWatchedNameLeavesTheFirstAbsent() {
        parser.parse(new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram(), recorder);
        recorder.seen.clear();

        parser.parse(new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth1",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram(), recorder);

        assertEquals(List.of("link eth0#0 ABSENT", "link eth1#3 NEW UP RUNNING LOWER_UP operstate 6"), recorder.seen);
    }

    @Test
    void aTentativeIpv6AddressOnAWatchedInterfaceIsNamedAndFlagged() throws Exception {
        parser.parse(new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram(), recorder);
        recorder.seen.clear();
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();

        parser.parse(new HandBuiltNetlink().address(NetlinkParser.RTM_NEWADDR, 0, Linux.AF_INET6, 3, linkLocal, 64,
                AddressEvent.IFA_F_TENTATIVE).datagram(), recorder);

        assertEquals(List.of("address added /fe80:0:0:0:0:0:0:1/64 on eth0 (tentative)"), recorder.seen);
    }

    @Test
    void aMessageLongerThanTheDatagramIsDroppedWithEverythingAfterIt() {
        ByteBuffer datagram = new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram();
        datagram.putInt(0, datagram.limit() + 4);

        assertFalse(parser.parse(datagram, recorder));
        assertEquals(List.of(), recorder.seen);
    }

    @Test
    void anAttributeOverrunningItsMessageEndsTheAttributesAndANamelessLinkIsNotReported() {
        ByteBuffer datagram = new HandBuiltNetlink().link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0",
                HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP).datagram();
        int firstAttribute = NetlinkParser.NLMSG_HEADER + NetlinkParser.IFINFOMSG_SIZE;
        datagram.putShort(firstAttribute, (short) 200);

        parser.parse(datagram, recorder);
        assertEquals(List.of(), recorder.seen);
    }

    @Test
    void aFlapOfAWatchedLinkAllocatesNothing() {
        ByteBuffer flap = new HandBuiltNetlink()
                .link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0", LinkEvent.IFF_UP, LinkEvent.OPER_LOWER_LAYER_DOWN)
                .link(NetlinkParser.RTM_NEWLINK, 0, 0, 3, "eth0", HandBuiltNetlink.UP_RUNNING_CARRIER, LinkEvent.OPER_UP)
                .datagram();
        ByteBuffer direct = ByteBuffer.allocateDirect(flap.remaining()).put(flap).flip();
        int[] ups = new int[1];
        LinkListener counting = event -> ups[0] += event.isUp() ? 1 : 0;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            parser.parse(direct, counting);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            parser.parse(direct, counting);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(120_000, ups[0]);
        assertTrue(allocated < 16 * 1024, allocated + " bytes allocated for 100000 flaps");
    }

    /** Keeps what each event said, as text, since the events themselves are reused. */
    private static final class Recorder implements LinkListener {
        final List<String> seen = new ArrayList<>();
        String lastName;
        boolean lastWasUp;

        @Override
        public void link(LinkEvent event) {
            seen.add(event.toString());
            lastName = event.name();
            lastWasUp = event.isUp();
        }

        @Override
        public void address(AddressEvent event) {
            seen.add(event.toString());
        }

        @Override
        public void linksDumped() {
            seen.add("dumped");
        }
    }
}
