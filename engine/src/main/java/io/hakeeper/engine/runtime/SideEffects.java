package io.hakeeper.engine.runtime;

import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SuspectedBug;

/**
 * What an instance asks of the world beyond its adverts. Every method is called on the event loop and must
 * return at once: the daemon hands VIP and announcement work to the plugin worker pool and transitions to
 * the notification dispatcher, so nothing here ever blocks an election.
 */
public interface SideEffects {

    /**
     * The instance became master: its VIPs and routes go up. Called before the new master's advert is sent,
     * so that a thread already waiting for the takeover adds them meanwhile; a thread that would have to be
     * woken for them must wait until {@link #announce} or {@link #actionsCarriedOut}, after the advert: a
     * woken thread can take the loop's CPU before the advert leaves.
     */
    void addVips(InstanceRuntime instance);

    /** The instance left master: its VIPs and routes go down. */
    void removeVips(InstanceRuntime instance);

    /** Gratuitous ARP / unsolicited NA on becoming master (garp_master_* timings). */
    void announce(InstanceRuntime instance);

    /** The answer to a lower-priority advert (garp_lower_prio_* timings). */
    void announceToLowerPriority(InstanceRuntime instance);

    /** An instance or group changed state. */
    void stateChanged(StateChange change);

    /** The state machine saw something that should not happen; logged as a bug, never fatal. */
    void suspectedBug(SuspectedBug bug);

    /**
     * A backup's timer runs out in {@link io.hakeeper.engine.loop.LoopCore#HEADS_UP_LEAD_NANOS}: unless an
     * advert comes first, it takes over then, and what its takeover hands to other threads can be made
     * ready for at once. A hint only: the takeover may not come.
     */
    default void takeoverNear(InstanceRuntime instance) {
    }

    /** Every action of one event has been carried out: work held back until then is handed over now. */
    default void actionsCarriedOut() {
    }
}
