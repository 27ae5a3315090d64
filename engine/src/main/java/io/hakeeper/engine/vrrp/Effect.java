package io.hakeeper.engine.vrrp;

/**
 * The argument-less actions of an instance. The loop reads whatever else it needs (effective priority,
 * VIPs, interface) from the instance the action came from.
 */
public enum Effect implements Action {
    /** Send an advert with the instance's current effective priority. */
    SEND_ADVERT,
    /** Send an advert with priority 0: the master resigns, so that a backup takes over after Skew_Time. */
    SEND_PRIORITY_ZERO_ADVERT,
    /** Add the virtual addresses (and routes) to the interface. */
    ADD_VIPS,
    /** Remove the virtual addresses (and routes) from the interface. */
    REMOVE_VIPS,
    /** Gratuitous ARP / unsolicited NA burst for the VIPs on becoming master (garp_master_* timings). */
    ANNOUNCE,
    /** The burst of a master answering a lower-priority advert (garp_lower_prio_* timings). */
    ANNOUNCE_TO_LOWER_PRIORITY
}
