package io.hakeeper.plugin.vipiproute2;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The socket's own promises; opening a NETLINK_ROUTE socket needs no privilege. */
class NetlinkSocketTest {

    @Test
    void aKernelThatDoesNotAnswerIsATimeoutNotAHang() {
        try (NetlinkSocket socket = new NetlinkSocket(NetlinkSocket::openHere, Duration.ofMillis(200))) {
            long start = System.nanoTime();
            IOException silent = assertThrows(IOException.class, socket::receive);
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(silent.getMessage().contains("did not answer over netlink within 200 ms"), silent.getMessage());
            assertTrue(waited >= 150 && waited < 2000, "waited " + waited + " ms");
        }
    }
}
