package io.hakeeper.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PingLogTest {

    private static final String OUTPUT = """
            PING 192.0.2.50 (192.0.2.50) 56(84) bytes of data.
            [1795613901.098000] 64 bytes from 192.0.2.50: icmp_seq=21 ttl=64 time=0.051 ms
            [1795613901.114560] 64 bytes from 192.0.2.50: icmp_seq=22 ttl=64 time=0.050 ms
            From 192.0.2.100 icmp_seq=30 Destination Host Unreachable
            [1795613904.078661] 64 bytes from 192.0.2.50: icmp_seq=206 ttl=64 time=0.090 ms
            [1795613904.094000] 64 bytes from 192.0.2.50: icmp_seq=207 ttl=64 time=0.060 ms

            --- 192.0.2.50 ping statistics ---
            224 packets transmitted, 52 received, 76.7857% packet loss, time 3783ms
            """;

    @Test
    void repliesAreReadWithTheirReceiveTimeAndSequenceAndNothingElseIsTakenForOne() {
        assertEquals(List.of(new PingLog.Reply(1795613901_098000L, 21), new PingLog.Reply(1795613901_114560L, 22),
                new PingLog.Reply(1795613904_078661L, 206), new PingLog.Reply(1795613904_094000L, 207)),
                PingLog.replies(OUTPUT));
    }

    @Test
    void aReplyThatWasInFlightAtTheCrashDoesNotHideTheSilenceAfterIt() {
        long crash = 1795613901_113800L; // 0.8 ms before the last reply of the old master
        PingLog.Outage outage = PingLog.outageAfter(PingLog.replies(OUTPUT), crash).orElseThrow();
        assertEquals(1795613901_114560L, outage.lastReplyBeforeMicros());
        assertEquals(1795613904_078661L, outage.firstReplyAfterMicros());
        assertEquals(2964, outage.millis());
        assertEquals(183, outage.unanswered());
    }

    @Test
    void noReplyAfterTheEventIsNoOutageFigure() {
        assertTrue(PingLog.outageAfter(PingLog.replies(OUTPUT), 1795613905_000000L).isEmpty());
    }

    @Test
    void anIpv6SenderWithItsColonsIsReadToo() {
        String output = """
                PING 2001:db8::53(2001:db8::53) 56 data bytes
                [1795613901.098000] 64 bytes from 2001:db8::53: icmp_seq=3 ttl=64 time=0.051 ms
                [1795613901.098100] 64 bytes from 2001:db8::53: icmp_seq=3 ttl=64 time=0.061 ms (DUP!)
                """;
        assertEquals(List.of(new PingLog.Reply(1795613901_098000L, 3), new PingLog.Reply(1795613901_098100L, 3)),
                PingLog.replies(output));
    }
}
