package io.hakeeper.engine.daemon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.hakeeper.engine.runtime.InstanceRuntime;
import io.hakeeper.engine.vrrp.TransitionCause;

/**
 * The IPv4 instances of one interface whose adverts come from its primary address, and what an address
 * event on it can change for them: one that waits for an address to send from, or one whose address went.
 * Most events concern none of them (a master's VIP, added or removed, is nobody's source), and 1,000 new
 * masters make 1,000 such events in the event loop's busiest moment; {@link #mayConcern} answers for those
 * without visiting the instances, from a summary made again once one of them {@link #changed}.
 *
 * <p>The summary holds while nobody's source or waiting changes, which only the address events' handling
 * (through {@link #changed}) and the building of an instance (through {@link #add}) do. Loop thread.
 */
final class PrimaryFollowers {

    private final List<InstanceRuntime> instances = new ArrayList<>();
    private boolean summaryStale = true;
    private boolean anyWaiting;
    /** The addresses they send from, each once: one per interface unless its primary changed under some. */
    private final List<byte[]> sources = new ArrayList<>();

    void add(InstanceRuntime instance) {
        instances.add(instance);
        summaryStale = true;
    }

    /** True when it was one of them. */
    boolean remove(InstanceRuntime instance) {
        summaryStale = true;
        return instances.remove(instance);
    }

    boolean isEmpty() {
        return instances.isEmpty();
    }

    /** Every one of them, for an event that {@link #mayConcern} them. */
    List<InstanceRuntime> all() {
        return instances;
    }

    /**
     * Whether an IPv4 address {@code added} (or removed) can concern any of them: one waits for an address
     * to send from, or, for a removal, one sends from {@code address}. False is certain; true asks for a
     * look at each.
     */
    boolean mayConcern(boolean added, byte[] address) {
        if (summaryStale) {
            summarize();
        }
        if (anyWaiting) {
            return true;
        }
        if (added) {
            return false;
        }
        for (byte[] source : sources) {
            if (Arrays.equals(source, address)) {
                return true;
            }
        }
        return false;
    }

    /** One of them sends from another address now, or waits for one, or waits no more. */
    void changed() {
        summaryStale = true;
    }

    private void summarize() {
        anyWaiting = false;
        sources.clear();
        for (InstanceRuntime instance : instances) {
            anyWaiting |= instance.machine().cannotSend() == TransitionCause.NO_SOURCE_ADDRESS;
            if (!sent(instance)) {
                sources.add(instance.sourceAddress());
            }
        }
        summaryStale = false;
    }

    private boolean sent(InstanceRuntime instance) {
        for (byte[] source : sources) {
            if (instance.sendsFrom(source)) {
                return true;
            }
        }
        return false;
    }
}
