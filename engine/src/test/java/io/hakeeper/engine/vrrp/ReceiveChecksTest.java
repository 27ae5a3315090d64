package io.hakeeper.engine.vrrp;

import static io.hakeeper.engine.vrrp.ReceivedPackets.expectationsOf;
import static io.hakeeper.engine.vrrp.ReceivedPackets.framed;
import static io.hakeeper.engine.vrrp.ReceivedPackets.rechecksummed;
import static io.hakeeper.engine.vrrp.packet.AdvertVector.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hakeeper.api.AdvertLayout;
import io.hakeeper.api.AuthMethod;
import io.hakeeper.api.AuthVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertChecksum;
import io.hakeeper.engine.vrrp.packet.AdvertVector;
import io.hakeeper.engine.vrrp.packet.AdvertVectors;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.PassLikeAuth;
import io.hakeeper.engine.vrrp.packet.VrrpWire;

/** Each receive check on its own, then their order where a packet has several faults. */
class ReceiveChecksTest {

    private static final AdvertVector V2 = AdvertVectors.V2_IPV4_PASS;
    private static final AdvertVector UNICAST = AdvertVectors.V2_IPV4_UNICAST_PRIORITY_0;
    /** V2's offsets: IPv4 header, then VRRP. */
    private static final int TTL = 8;
    private static final int PROTOCOL = 9;
    private static final int VERSION_TYPE = 20;
    private static final int COUNT = 23;
    private static final int AUTH_TYPE = 24;
    private static final int INTERVAL = 25;
    private static final int CHECKSUM = 26;
    private static final int LAST_AUTH_BYTE = 39;

    private static AdvertVerdict check(AdvertVector vector, byte[] wire) {
        return ReceiveChecks.check(framed(vector, wire), expectationsOf(vector));
    }

    private static byte[] v2Wire() {
        return V2.wire().clone();
    }

    @Test
    void everyVectorPassesTheChecksOfTheInstanceThatSentIt() {
        for (AdvertVector vector : AdvertVectors.ALL) {
            List<InetAddress> peers = vector == UNICAST ? addresses("192.168.1.10") : List.of();
            assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(framed(vector, vector.wire().clone()),
                    expectationsOf(vector, peers, false, false, false)), vector.name());
        }
    }

    @Test
    void aPlainAdvertToAnInstanceThatUsesAhIsAnAuthTypeMismatch() {
        AuthMethod ah = new FixedVerdictAuth(VrrpWire.AUTH_AH, VrrpWire.PROTOCOL_AH, AuthVerdict.ACCEPTED);
        ReceiveExpectations expectations = new ReceiveExpectations(2, V2.spec().family(), 51, 100, Optional.of(ah),
                V2.spec().addresses(), List.of(), false, false, false, false);
        assertEquals(AdvertVerdict.AUTH_PRESENCE_MISMATCH, ReceiveChecks.check(framed(V2, v2Wire()), expectations));
    }

    @Test
    void aMessageShorterThanItsAddressCountSaysIsALengthError() {
        byte[] wire = v2Wire();
        wire[COUNT] = 2;
        assertEquals(AdvertVerdict.ADDRESS_COUNT_MISMATCH, check(V2, wire));
        assertEquals(VrrpCounter.PACKET_LEN_ERR, AdvertVerdict.ADDRESS_COUNT_MISMATCH.counter());
    }

    @Test
    void aMulticastAdvertWithTtl254IsATtlError() {
        byte[] wire = v2Wire();
        wire[TTL] = (byte) 254;
        assertEquals(AdvertVerdict.BAD_TTL, check(V2, wire));
        assertEquals(VrrpCounter.IP_TTL_ERR, AdvertVerdict.BAD_TTL.counter());
    }

    @Test
    void anIpv6AdvertWithHopLimit254IsATtlError() {
        AdvertVector v6 = AdvertVectors.V3_IPV6;
        byte[] wire = v6.wire().clone();
        assertEquals(AdvertVerdict.BAD_TTL,
                ReceiveChecks.check(framed(v6, wire, wire.length, 254), expectationsOf(v6)));
    }

    @Test
    void theTtlIsNotCheckedInUnicastModeAsKeepalived() {
        byte[] wire = UNICAST.wire().clone();
        wire[TTL] = 64; // routed across a hop
        assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(framed(UNICAST, wire),
                expectationsOf(UNICAST, addresses("192.168.1.10"), false, false, false)));
    }

    @Test
    void aV3AdvertToAV2InstanceIsAVersionError() {
        AdvertVector v3 = AdvertVectors.V3_IPV4;
        ReceiveExpectations v2Instance = new ReceiveExpectations(2, v3.spec().family(), v3.spec().vrid(), 100,
                Optional.empty(), v3.spec().addresses(), List.of(), false, false, false, false);
        byte[] wire = v3.wire().clone();
        wire[wire.length - 1] ^= 1; // also a bad checksum: the version is checked first
        assertEquals(AdvertVerdict.WRONG_VERSION, ReceiveChecks.check(framed(v3, wire), v2Instance));
    }

    @Test
    void anAuthTypeNobodyKnowsIsAnInvalidAuthType() {
        byte[] wire = v2Wire();
        wire[AUTH_TYPE] = 7;
        assertEquals(AdvertVerdict.INVALID_AUTH_TYPE, check(V2, wire));
        assertEquals(VrrpCounter.INVALID_AUTHTYPE, AdvertVerdict.INVALID_AUTH_TYPE.counter());
    }

    @Test
    void noAuthWhereWeUsePassIsAnAuthTypeMismatch() {
        byte[] wire = v2Wire();
        wire[AUTH_TYPE] = VrrpWire.AUTH_NONE;
        assertEquals(AdvertVerdict.AUTH_TYPE_MISMATCH, check(V2, wire));
    }

    @Test
    void aWrongPasswordIsAnAuthFailure() {
        byte[] wire = v2Wire();
        wire[LAST_AUTH_BYTE] = 'x';
        assertEquals(AdvertVerdict.AUTH_FAILURE, check(V2, rechecksummed(V2, wire)));
        assertEquals(VrrpCounter.AUTH_FAILURE, AdvertVerdict.AUTH_FAILURE.counter());
    }

    @Test
    void aReplayedAdvertIsCountedAsAnAuthFailure() {
        AuthMethod replaying = new FixedVerdictAuth(VrrpWire.AUTH_PASS, VrrpWire.PROTOCOL_VRRP, AuthVerdict.REPLAYED);
        ReceiveExpectations expectations = new ReceiveExpectations(2, V2.spec().family(), 51, 100,
                Optional.of(replaying), V2.spec().addresses(), List.of(), false, false, false, false);
        assertEquals(AdvertVerdict.AUTH_REPLAYED, ReceiveChecks.check(framed(V2, v2Wire()), expectations));
        assertEquals(VrrpCounter.AUTH_FAILURE, AdvertVerdict.AUTH_REPLAYED.counter());
    }

    @Test
    void aV2AdvertWithAnotherIntervalIsDroppedAndCounted() {
        byte[] wire = v2Wire();
        wire[INTERVAL] = 2;
        wire[CHECKSUM] ^= 0x40; // also a bad checksum: keepalived checks the interval first
        assertEquals(AdvertVerdict.ADVERT_INTERVAL_MISMATCH, check(V2, wire));
        assertEquals(VrrpCounter.ADVERT_INTERVAL_ERR, AdvertVerdict.ADVERT_INTERVAL_MISMATCH.counter());
    }

    @Test
    void aV3AdvertWithAnotherIntervalIsAcceptedAndTheBackupLearnsIt() {
        AdvertVector v3 = AdvertVectors.V3_IPV4;
        ReceiveExpectations twoSeconds = new ReceiveExpectations(3, v3.spec().family(), v3.spec().vrid(), 200,
                Optional.empty(), v3.spec().addresses(), List.of(), false, false, false, false);
        assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(framed(v3, v3.wire().clone()), twoSeconds));
    }

    @Test
    void aTypeOtherThanAdvertisementIsAnInvalidType() {
        byte[] wire = v2Wire();
        wire[VERSION_TYPE] = 0x22;
        assertEquals(AdvertVerdict.BAD_TYPE, check(V2, wire));
        assertEquals(VrrpCounter.INVALID_TYPE_RCVD, AdvertVerdict.BAD_TYPE.counter());
    }

    @Test
    void anIpTotalLengthOtherThanTheBytesReceivedIsALengthError() {
        byte[] wire = v2Wire();
        wire[3] += 4;
        assertEquals(AdvertVerdict.IP_LENGTH_MISMATCH, check(V2, wire));
        assertEquals(VrrpCounter.PACKET_LEN_ERR, AdvertVerdict.IP_LENGTH_MISMATCH.counter());
    }

    @Test
    void aFlippedChecksumBitIsAChecksumError() {
        byte[] wire = v2Wire();
        wire[CHECKSUM + 1] ^= 0x01;
        assertEquals(AdvertVerdict.BAD_CHECKSUM, check(V2, wire));
        assertEquals(VrrpCounter.CHECKSUM_ERR, AdvertVerdict.BAD_CHECKSUM.counter());
    }

    @Test
    void aMulticastAdvertToAUnicastInstanceIsCountedAsAnAddressListError() {
        ReceiveExpectations unicastInstance = expectationsOf(V2, addresses("192.168.1.10"), false, false, false);
        assertEquals(AdvertVerdict.WRONG_DESTINATION_KIND, ReceiveChecks.check(framed(V2, v2Wire()), unicastInstance));
        assertEquals(VrrpCounter.ADDR_LIST_ERR, AdvertVerdict.WRONG_DESTINATION_KIND.counter());
    }

    @Test
    void aUnicastAdvertToAMulticastInstanceIsDropped() {
        assertEquals(AdvertVerdict.WRONG_DESTINATION_KIND, check(UNICAST, UNICAST.wire().clone()));
    }

    @Test
    void checkUnicastSrcDropsAdvertsFromSourcesThatAreNotPeers() {
        byte[] wire = UNICAST.wire().clone(); // from 192.168.1.10
        assertEquals(AdvertVerdict.SOURCE_NOT_A_PEER, ReceiveChecks.check(framed(UNICAST, wire),
                expectationsOf(UNICAST, addresses("192.168.1.12", "192.168.1.13"), true, false, false)));
        assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(framed(UNICAST, wire),
                expectationsOf(UNICAST, addresses("192.168.1.12", "192.168.1.10"), true, false, false)));
        assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(framed(UNICAST, wire),
                expectationsOf(UNICAST, addresses("192.168.1.12"), false, false, false)), "without check_unicast_src");
    }

    @Test
    void anAddressListThatDiffersIsCountedButAcceptedAsKeepalived() {
        ReceiveExpectations otherVips = instanceWithVips(false, false, "192.168.1.100", "192.168.1.200");
        assertEquals(AdvertVerdict.ACCEPTED_ADDRESS_LIST_MISMATCH,
                ReceiveChecks.check(framed(V2, v2Wire()), otherVips));
        assertEquals(VrrpCounter.ADDR_LIST_ERR, AdvertVerdict.ACCEPTED_ADDRESS_LIST_MISMATCH.counter());
    }

    @Test
    void vrrpStrictDropsAnAdvertWhoseAddressListDiffers() {
        ReceiveExpectations strict = instanceWithVips(true, false, "192.168.1.200");
        assertEquals(AdvertVerdict.ADDRESS_LIST_MISMATCH, ReceiveChecks.check(framed(V2, v2Wire()), strict));
    }

    @Test
    void vrrpSkipCheckAdvAddrDoesNotCompareAddressLists() {
        ReceiveExpectations skipping = instanceWithVips(true, true, "192.168.1.200");
        assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(framed(V2, v2Wire()), skipping));
    }

    @Test
    void theAddressListIsComparedAsASet() {
        AdvertVector v3 = AdvertVectors.V3_IPV4; // carries 10.0.0.100, 10.0.0.101
        ReceiveExpectations reordered = new ReceiveExpectations(3, v3.spec().family(), v3.spec().vrid(), 100,
                Optional.empty(), addresses("10.0.0.101", "10.0.0.100"), List.of(), false, true, false, false);
        assertEquals(AdvertVerdict.ACCEPTED, ReceiveChecks.check(framed(v3, v3.wire().clone()), reordered));
    }

    @Test
    void aTtlFaultIsReportedBeforeAChecksumFaultAsKeepalivedOrdersThem() {
        byte[] wire = v2Wire();
        wire[TTL] = (byte) 254;
        wire[CHECKSUM] ^= 0x01;
        assertEquals(AdvertVerdict.BAD_TTL, check(V2, wire));
    }

    @Test
    void anAuthFaultIsReportedBeforeATypeFault() {
        byte[] wire = v2Wire();
        wire[VERSION_TYPE] = 0x22;
        wire[LAST_AUTH_BYTE] = 'x';
        assertEquals(AdvertVerdict.AUTH_FAILURE, check(V2, wire));
    }

    @Test
    void ahAroundAnAdvertIsFramedAndHandedToTheAuthMethodWithItsLayout() {
        byte[] plain = v2Wire();
        int ahLength = 24; // keepalived's AH: 12 bytes of header, 12 of HMAC-96
        byte[] wire = new byte[plain.length + ahLength];
        System.arraycopy(plain, 0, wire, 0, 20);
        System.arraycopy(plain, 20, wire, 20 + ahLength, plain.length - 20);
        wire[3] = (byte) wire.length;
        wire[PROTOCOL] = (byte) VrrpWire.PROTOCOL_AH;
        wire[20] = (byte) VrrpWire.PROTOCOL_VRRP; // AH next header
        wire[21] = 4; // AH payload length: (24 / 4) - 2
        wire[20 + ahLength + 4] = VrrpWire.AUTH_AH;
        FixedVerdictAuth ah = new FixedVerdictAuth(VrrpWire.AUTH_AH, VrrpWire.PROTOCOL_AH, AuthVerdict.ACCEPTED);
        ReceiveExpectations expectations = new ReceiveExpectations(2, V2.spec().family(), 51, 100, Optional.of(ah),
                V2.spec().addresses(), List.of(), false, false, false, false);

        AdvertVerdict verdict = ReceiveChecks.check(framed(V2, rechecksummedAt(wire, 20 + ahLength)), expectations);

        assertEquals(AdvertVerdict.ACCEPTED, verdict);
        assertEquals(List.of(0, 20, 20, 44, 20), ah.seenLayout);
    }

    private static byte[] rechecksummedAt(byte[] wire, int vrrpOffset) {
        AdvertChecksum.write(ByteBuffer.wrap(wire), vrrpOffset, wire.length - vrrpOffset,
                2, V2.source(), V2.destination(), 4, false);
        return wire;
    }

    private static ReceiveExpectations instanceWithVips(boolean strict, boolean skip, String... vips) {
        return new ReceiveExpectations(2, V2.spec().family(), 51, 100, Optional.of(new PassLikeAuth("secret")),
                addresses(vips), List.of(), false, strict, skip, false);
    }

    /** An auth method that says what it is told to, and remembers the layout it was shown. */
    private static final class FixedVerdictAuth implements AuthMethod {
        private final int authType;
        private final int ipProtocol;
        private final AuthVerdict verdict;
        List<Integer> seenLayout = List.of();

        FixedVerdictAuth(int authType, int ipProtocol, AuthVerdict verdict) {
            this.authType = authType;
            this.ipProtocol = ipProtocol;
            this.verdict = verdict;
        }

        @Override
        public int authType() {
            return authType;
        }

        @Override
        public int ipProtocol() {
            return ipProtocol;
        }

        @Override
        public int headerLength() {
            return ipProtocol == VrrpWire.PROTOCOL_AH ? 24 : 0;
        }

        @Override
        public void seal(ByteBuffer packet, AdvertLayout layout) {
            throw new UnsupportedOperationException("receive side only");
        }

        @Override
        public AuthVerdict verify(ByteBuffer packet, AdvertLayout layout) {
            seenLayout = List.of(layout.ipOffset(), layout.ipHeaderLength(), layout.authHeaderOffset(),
                    layout.vrrpOffset(), layout.vrrpLength());
            return verdict;
        }
    }
}
