package io.hakeeper.engine.vrrp.sim;

import io.hakeeper.engine.vrrp.StateChange;

/** Watches a simulation as it runs; every method has a do-nothing default. */
public interface SimObserver {

    /** An advert is about to be handed to a live router's machine for its VRID. */
    default void advertDelivered(long nowNanos, SimRouter to, SimAdvert advert) {
    }

    /** A router's machine (or sync group, when {@code change.subject()} is GROUP) changed state. */
    default void stateChanged(long nowNanos, SimRouter router, StateChange change) {
    }

    /** A router sent an advert (priority 0 when resigning). */
    default void advertSent(long nowNanos, SimRouter from, int virtualRouterId, int priority) {
    }

    /** A router was powered off: its machines are gone without a word on the wire. */
    default void routerKilled(long nowNanos, SimRouter router) {
    }

    /** A router's tracked state changed (the checker recomputes priorities on its own). */
    default void trackedChanged(long nowNanos, SimRouter router) {
    }
}
