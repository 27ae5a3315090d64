package io.hakeeper.plugin.garp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A burst of announcements reads each interface's MAC once, a send never waits for a read, and a changed MAC is seen soon after. */
class MacAddressesTest {

    private static final byte[] FIRST = HexFormat.of().parseHex("020000000a01");
    private static final byte[] SECOND = HexFormat.of().parseHex("020000000a02");

    private long now = 1_000;
    private byte[] current = FIRST;
    private final List<String> reads = new ArrayList<>();
    private final MacAddresses macs = new MacAddresses(name -> {
        reads.add(name);
        return current;
    }, () -> now);

    @Test
    void aBurstOnOneInterfaceReadsItsMacOnce() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            assertArrayEquals(FIRST, macs.last("eth0"));
            assertNull(macs.changedFrom(FIRST, "eth0"));
            now += 100_000; // 1,000 calls in 0.1 s
        }
        assertEquals(List.of("eth0"), reads);
    }

    @Test
    void eachInterfaceHasItsOwnEntry() throws Exception {
        macs.last("eth0");
        macs.last("eth1");
        macs.last("eth0");
        assertEquals(List.of("eth0", "eth1"), reads);
    }

    @Test
    void theLastMacIsGivenWithoutAReadHoweverOldAndCheckedAfterwards() throws Exception {
        macs.last("eth0");
        current = SECOND;
        now += MacAddresses.REFRESH_NANOS - 1;
        assertNull(macs.changedFrom(FIRST, "eth0"), "read again before the entry was a second old");
        now += 10 * MacAddresses.REFRESH_NANOS;
        assertArrayEquals(FIRST, macs.last("eth0"), "the send waited for a read");
        assertEquals(List.of("eth0"), reads);
        assertArrayEquals(SECOND, macs.changedFrom(FIRST, "eth0"));
        assertArrayEquals(SECOND, macs.last("eth0"));
        assertNull(macs.changedFrom(SECOND, "eth0"), "read again at once");
    }

    @Test
    void anUnchangedMacReadAgainIsNotAChange() throws Exception {
        macs.last("eth0");
        now += MacAddresses.REFRESH_NANOS;
        assertNull(macs.changedFrom(FIRST, "eth0"));
        assertEquals(List.of("eth0", "eth0"), reads);
    }

    @Test
    void aForgottenInterfaceIsReadAgainAtOnce() throws Exception {
        macs.last("eth0");
        current = SECOND;
        macs.forget("eth0");
        assertArrayEquals(SECOND, macs.last("eth0"));
        assertEquals(List.of("eth0", "eth0"), reads);
    }
}
