package io.hakeeper.api;

/** What an {@link AuthMethod} concluded about a received advert. */
public enum AuthVerdict {
    /** Authentic; the advert goes on to the remaining checks. */
    ACCEPTED,
    /** The auth data does not match (counted as auth_failure). */
    REJECTED,
    /** Authentic but already seen or older than one seen (AH sequence numbers). */
    REPLAYED
}
