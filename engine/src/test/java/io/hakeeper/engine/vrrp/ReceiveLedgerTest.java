package io.hakeeper.engine.vrrp;

import static io.hakeeper.engine.vrrp.ReceivedPackets.framed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.vrrp.packet.AdvertVector;
import io.hakeeper.engine.vrrp.packet.AdvertVectors;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/** What each verdict does to an instance's counters. */
class ReceiveLedgerTest {

    private static final long TEN_SECONDS = 10_000_000_000L;

    private final VrrpCounters counters = new VrrpCounters();
    private final ReceiveLedger ledger = new ReceiveLedger("VI_1 (VRID 51, IPv4)", counters, TEN_SECONDS);
    private final AdvertView advert = framed(AdvertVectors.V2_IPV4_PASS, AdvertVectors.V2_IPV4_PASS.wire().clone());

    @Test
    void anAcceptedAdvertIsCountedAsReceivedAndNothingElse() {
        ledger.record(AdvertVerdict.ACCEPTED, advert, 0);
        assertEquals(Map.of(VrrpCounter.ADVERT_RCVD, 1L), nonZero());
    }

    @Test
    void aRejectedAdvertTouchesNothingButItsOwnCounter() {
        ledger.record(AdvertVerdict.BAD_TTL, advert, 0);
        ledger.record(AdvertVerdict.BAD_TTL, advert, 1);
        assertEquals(Map.of(VrrpCounter.IP_TTL_ERR, 2L), nonZero());
    }

    @Test
    void anAddressListMismatchIsCountedAndTheAdvertReceived() {
        ledger.record(AdvertVerdict.ACCEPTED_ADDRESS_LIST_MISMATCH, advert, 0);
        assertEquals(Map.of(VrrpCounter.ADVERT_RCVD, 1L, VrrpCounter.ADDR_LIST_ERR, 1L), nonZero());
    }

    @Test
    void aPriorityZeroAdvertIsCountedAsSuch() {
        ledger.record(AdvertVerdict.ACCEPTED, resigning(), 0);
        assertEquals(Map.of(VrrpCounter.ADVERT_RCVD, 1L, VrrpCounter.PRI_ZERO_RCVD, 1L), nonZero());
    }

    @Test
    void aRejectedPriorityZeroAdvertIsNotCountedAsOne() {
        ledger.record(AdvertVerdict.BAD_CHECKSUM, resigning(), 0);
        assertEquals(Map.of(VrrpCounter.CHECKSUM_ERR, 1L), nonZero());
    }

    @Test
    void aRejectionWithoutAKeepalivedCounterIsOnlyLogged() {
        ledger.record(AdvertVerdict.SOURCE_NOT_A_PEER, advert, 0);
        assertEquals(Map.of(), nonZero());
    }

    private static AdvertView resigning() {
        AdvertVector resigning = AdvertVectors.V2_IPV4_UNICAST_PRIORITY_0;
        return framed(resigning, resigning.wire().clone());
    }

    private Map<VrrpCounter, Long> nonZero() {
        Map<VrrpCounter, Long> all = new EnumMap<>(counters.snapshot());
        all.values().removeIf(count -> count == 0);
        return all;
    }
}
