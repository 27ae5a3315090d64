package io.hakeeper.engine.vrrp.packet;

import io.hakeeper.engine.vrrp.VrrpCounter;

/**
 * What became of one received packet: accepted, or why not. The codec gives the framing and format
 * reasons; the receive checks ({@code io.hakeeper.engine.vrrp.ReceiveChecks}) give the rest. Each
 * rejection names the keepalived counter it is counted in, so that counting needs no table elsewhere.
 */
public enum AdvertVerdict {
    /** A valid advert, for the state machine. */
    ACCEPTED(null, "accepted"),
    /**
     * A valid advert whose address list differs from our VIPs: counted as addr_list_err, and still
     * handed to the state machine, as keepalived does outside {@code vrrp_strict}.
     */
    ACCEPTED_ADDRESS_LIST_MISMATCH(VrrpCounter.ADDR_LIST_ERR, "address list differs from our VIPs"),

    // the codec's reasons: the bytes are not an advert
    /** Shorter than the IP header, the AH header or the fixed VRRP header. */
    TOO_SHORT(VrrpCounter.PACKET_LEN_ERR, "too short"),
    /**
     * Not an IPv4 header that carries VRRP: wrong IP version, header length below 20, a protocol other
     * than VRRP or AH, or AH around something other than VRRP. The kernel's protocol filter normally
     * keeps these away, so keepalived has no counter for them; they are logged only.
     */
    BAD_IP_HEADER(null, "not an IPv4 header carrying VRRP"),
    /** The message is not as long as its address count says: truncated, padded, or a wrong count. */
    ADDRESS_COUNT_MISMATCH(VrrpCounter.PACKET_LEN_ERR, "length does not match the address count"),
    /** A VRRP version other than 2 and 3, or VRRPv2 over IPv6. */
    BAD_VERSION(VrrpCounter.VERSION_ERR, "unknown VRRP version"),
    /** A VRRP type other than advertisement. */
    BAD_TYPE(VrrpCounter.INVALID_TYPE_RCVD, "not an advertisement"),
    /** The IPv4 total length is not the number of bytes received. */
    IP_LENGTH_MISMATCH(VrrpCounter.PACKET_LEN_ERR, "IP total length differs from the bytes received"),
    BAD_CHECKSUM(VrrpCounter.CHECKSUM_ERR, "bad checksum"),

    // the receive checks' reasons: an advert, but not one this instance may take
    /** No virtual router with this VRID on the interface; counted on the interface, there is no instance. */
    UNKNOWN_VRID(VrrpCounter.VRID_ERR, "no instance has this VRID"),
    /** AH-wrapped when the instance does not use AH, or plain when it does. */
    AUTH_PRESENCE_MISMATCH(VrrpCounter.AUTHTYPE_MISMATCH, "AH header present or missing against our auth type"),
    /** TTL or hop limit not 255 on a multicast advert. */
    BAD_TTL(VrrpCounter.IP_TTL_ERR, "TTL / hop limit is not 255"),
    WRONG_VERSION(VrrpCounter.VERSION_ERR, "VRRP version differs from ours"),
    /** A VRRPv2 auth type other than none, PASS and AH. */
    INVALID_AUTH_TYPE(VrrpCounter.INVALID_AUTHTYPE, "unknown auth type"),
    AUTH_TYPE_MISMATCH(VrrpCounter.AUTHTYPE_MISMATCH, "auth type differs from ours"),
    AUTH_FAILURE(VrrpCounter.AUTH_FAILURE, "authentication failed"),
    /** AH sequence number already seen; counted as a failure, as keepalived counts it. */
    AUTH_REPLAYED(VrrpCounter.AUTH_FAILURE, "replayed (AH sequence number)"),
    /** A VRRPv2 advert interval other than ours: dropped so that two configs never share one VRID. */
    ADVERT_INTERVAL_MISMATCH(VrrpCounter.ADVERT_INTERVAL_ERR, "advert interval differs from ours"),
    /** Multicast when we expect unicast, or the other way round (keepalived counts it as addr_list_err). */
    WRONG_DESTINATION_KIND(VrrpCounter.ADDR_LIST_ERR, "multicast/unicast destination against our mode"),
    /** With {@code check_unicast_src}: a source that is not a configured peer (keepalived has no counter). */
    SOURCE_NOT_A_PEER(null, "source is not a unicast peer"),
    /** With {@code vrrp_strict}: the address list differs from our VIPs. */
    ADDRESS_LIST_MISMATCH(VrrpCounter.ADDR_LIST_ERR, "address list differs from our VIPs (vrrp_strict)");

    private final VrrpCounter counter;
    private final String description;

    AdvertVerdict(VrrpCounter counter, String description) {
        this.counter = counter;
        this.description = description;
    }

    /** Whether the advert goes on to the state machine. */
    public boolean isAccepted() {
        return this == ACCEPTED || this == ACCEPTED_ADDRESS_LIST_MISMATCH;
    }

    /**
     * The counter this outcome is counted in besides advert_rcvd, or {@code null} when keepalived has none
     * (then it is only logged).
     */
    public VrrpCounter counter() {
        return counter;
    }

    /** A short phrase for log lines. */
    public String description() {
        return description;
    }
}
