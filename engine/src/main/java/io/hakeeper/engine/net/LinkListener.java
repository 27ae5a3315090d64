package io.hakeeper.engine.net;

/**
 * Told by {@link LinkWatch#drain} what the kernel reported, on the draining thread, in the kernel's order.
 * The events are reusable views valid only during the call.
 */
public interface LinkListener {

    /** An interface exists with the given state, was deleted, or (watched names only) is absent. */
    void link(LinkEvent event);

    /** An address was added or removed (only when the watch was opened with addresses). */
    default void address(AddressEvent event) {
    }

    /**
     * A dump of the links has been reported in full: from now on every watched name has been reported
     * {@link LinkEvent.Kind#NEW} or {@link LinkEvent.Kind#ABSENT}. Called after the first dump and after each
     * resynchronisation.
     */
    default void linksDumped() {
    }

    /** A dump of the addresses has been reported in full (only when the watch was opened with addresses). */
    default void addressesDumped() {
    }

    /**
     * The kernel dropped notifications (the socket's receive buffer overflowed). The watch asks for a fresh
     * dump at once; until {@link #linksDumped} comes, what you know may be stale.
     */
    default void notificationsLost() {
    }
}
