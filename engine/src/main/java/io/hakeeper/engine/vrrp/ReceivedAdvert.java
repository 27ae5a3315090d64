package io.hakeeper.engine.vrrp;

/**
 * What the state machine needs to know of an advert that passed every receive check. Implemented by the
 * codec's reusable packet view, so that handing an advert to the machine allocates nothing: read it
 * during the call, never keep it.
 */
public interface ReceivedAdvert {

    /** The sender's priority, 0–255; 0 means the master is resigning. */
    int priority();

    /** The sender's advert interval in centiseconds (VRRPv2's whole seconds are converted). */
    int intervalCentiseconds();

    /**
     * Compares the advert's source address with {@code address} (4 or 16 bytes, network order) as unsigned
     * numbers: negative when the source is lower, zero when equal, positive when higher. Election ties go
     * to the higher address (RFC 5798 6.4.3).
     */
    int compareSourceAddressTo(byte[] address);
}
