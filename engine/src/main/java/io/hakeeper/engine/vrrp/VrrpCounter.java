package io.hakeeper.engine.vrrp;

/**
 * The per-instance counters of the VRRP core, named as keepalived's statistics name them so that an
 * operator's dashboards and habits carry over ({@code ha-admin stats} prints these names).
 */
public enum VrrpCounter {
    /** Adverts that passed every receive check. */
    ADVERT_RCVD("advert_rcvd"),
    ADVERT_SENT("advert_sent"),
    BECOME_MASTER("become_master"),
    RELEASE_MASTER("release_master"),
    /** Shorter than a header, or shorter than its address count says. */
    PACKET_LEN_ERR("packet_len_err"),
    /** TTL or hop limit other than 255 on a multicast advert. */
    IP_TTL_ERR("ip_ttl_err"),
    /** VRRP type other than 1 (advertisement). */
    INVALID_TYPE_RCVD("invalid_type_rcvd"),
    /** VRRPv2 advert whose interval differs from ours. */
    ADVERT_INTERVAL_ERR("advert_interval_err"),
    /** Address list that differs from our VIPs. */
    ADDR_LIST_ERR("addr_list_err"),
    /** VRRPv2 auth type unknown. */
    INVALID_AUTHTYPE("invalid_authtype"),
    /** VRRPv2 auth type other than ours. */
    AUTHTYPE_MISMATCH("authtype_mismatch"),
    /** Auth data wrong (PASS) or digest / sequence wrong (AH). */
    AUTH_FAILURE("auth_failure"),
    PRI_ZERO_RCVD("pri_zero_rcvd"),
    PRI_ZERO_SENT("pri_zero_sent"),
    CHECKSUM_ERR("checksum_err"),
    /** VRID no instance on this interface has. */
    VRID_ERR("vrid_err"),
    /** VRRP version other than the instance's. */
    VERSION_ERR("version_err");

    private final String keepalivedName;

    VrrpCounter(String keepalivedName) {
        this.keepalivedName = keepalivedName;
    }

    /** The name keepalived's statistics and {@code ha-admin stats} use. */
    public String keepalivedName() {
        return keepalivedName;
    }
}
