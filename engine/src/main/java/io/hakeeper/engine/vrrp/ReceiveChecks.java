package io.hakeeper.engine.vrrp;

import io.hakeeper.api.AuthMethod;
import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;
import io.hakeeper.engine.vrrp.packet.VrrpWire;

/**
 * The checks a received advert must pass before an instance's state machine sees it (RFC 3768 7.1,
 * RFC 5798 7.1), in the order keepalived runs them, so that a packet with several faults is counted
 * under the same statistic as keepalived would count it:
 * <ol>
 *   <li>AH present exactly when we use AH (authtype_mismatch)</li>
 *   <li>length against address count (packet_len_err)</li>
 *   <li>TTL / hop limit 255, except in unicast mode (ip_ttl_err)</li>
 *   <li>version (version_err)</li>
 *   <li>VRRPv2: auth type known (invalid_authtype), ours (authtype_mismatch), auth data through the auth
 *       method (auth_failure); advert interval ours (advert_interval_err)</li>
 *   <li>type (invalid_type_rcvd), IPv4 total length (packet_len_err), checksum (checksum_err)</li>
 *   <li>multicast in multicast mode, unicast in unicast mode (addr_list_err)</li>
 *   <li>with {@code check_unicast_src}, a source among the peers (keepalived counts nothing)</li>
 *   <li>the address list against our VIPs, unless {@code vrrp_skip_check_adv_addr}: a difference is
 *       counted (addr_list_err) and the advert accepted, or dropped under {@code vrrp_strict}</li>
 * </ol>
 * Pure: no counting, no logging, no state; {@link ReceiveLedger} counts and logs the verdict. Allocation-free.
 */
public final class ReceiveChecks {

    private ReceiveChecks() {
    }

    /**
     * Judges the advert {@code view} frames (its wrap returned ACCEPTED, and the VRID demultiplexer gave it
     * to this instance). A verdict for which {@link AdvertVerdict#isAccepted()} holds goes to the state
     * machine; any other means the packet is dropped and touches nothing but its counter.
     */
    public static AdvertVerdict check(AdvertView view, ReceiveExpectations expected) {
        if ((view.ipProtocol() == VrrpWire.PROTOCOL_AH) != expected.expectsAh()) {
            return AdvertVerdict.AUTH_PRESENCE_MISMATCH;
        }
        if (!view.lengthMatchesCount()) {
            return AdvertVerdict.ADDRESS_COUNT_MISMATCH;
        }
        if (!expected.unicast() && view.ttl() != VrrpWire.TTL) {
            return AdvertVerdict.BAD_TTL;
        }
        if (view.version() != expected.version()) {
            return AdvertVerdict.WRONG_VERSION;
        }
        if (expected.version() == 2) {
            AdvertVerdict v2 = checkV2(view, expected);
            if (v2 != AdvertVerdict.ACCEPTED) {
                return v2;
            }
        }
        if (!view.isAdvertisement()) {
            return AdvertVerdict.BAD_TYPE;
        }
        if (!view.ipTotalLengthMatches()) {
            return AdvertVerdict.IP_LENGTH_MISMATCH;
        }
        if (!view.checksumIsValid(expected.v3ChecksumAsV2())) {
            return AdvertVerdict.BAD_CHECKSUM;
        }
        if (view.unicast() != expected.unicast()) {
            return AdvertVerdict.WRONG_DESTINATION_KIND;
        }
        if (expected.unicast() && expected.checkUnicastSource() && !fromAPeer(view, expected)) {
            return AdvertVerdict.SOURCE_NOT_A_PEER;
        }
        if (expected.skipAddressCheck() || addressListMatches(view, expected)) {
            return AdvertVerdict.ACCEPTED;
        }
        return expected.strict() ? AdvertVerdict.ADDRESS_LIST_MISMATCH : AdvertVerdict.ACCEPTED_ADDRESS_LIST_MISMATCH;
    }

    private static AdvertVerdict checkV2(AdvertView view, ReceiveExpectations expected) {
        int authType = view.authType();
        if (authType != VrrpWire.AUTH_NONE && authType != VrrpWire.AUTH_PASS && authType != VrrpWire.AUTH_AH) {
            return AdvertVerdict.INVALID_AUTH_TYPE;
        }
        if (authType != expected.authType()) {
            return AdvertVerdict.AUTH_TYPE_MISMATCH;
        }
        AuthMethod auth = expected.authMethod();
        if (auth != null) {
            AdvertVerdict authentic = switch (auth.verify(view.buffer(), view.layout())) {
                case ACCEPTED -> AdvertVerdict.ACCEPTED;
                case REJECTED -> AdvertVerdict.AUTH_FAILURE;
                case REPLAYED -> AdvertVerdict.AUTH_REPLAYED;
            };
            if (authentic != AdvertVerdict.ACCEPTED) {
                return authentic;
            }
        }
        if (view.intervalCentiseconds() != expected.intervalCentiseconds()) {
            return AdvertVerdict.ADVERT_INTERVAL_MISMATCH;
        }
        return AdvertVerdict.ACCEPTED;
    }

    private static boolean fromAPeer(AdvertView view, ReceiveExpectations expected) {
        for (int i = 0; i < expected.unicastPeerCount(); i++) {
            if (view.sourceEquals(expected.unicastPeer(i))) {
                return true;
            }
        }
        return false;
    }

    /** The same addresses, in any order (RFC 3768 7.1 "MAY verify"; keepalived compares as a set too). */
    private static boolean addressListMatches(AdvertView view, ReceiveExpectations expected) {
        if (view.addressCount() != expected.virtualAddressCount()) {
            return false;
        }
        for (int i = 0; i < expected.virtualAddressCount(); i++) {
            if (!view.containsAddress(expected.virtualAddress(i))) {
                return false;
            }
        }
        return true;
    }
}
