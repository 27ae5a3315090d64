package io.hakeeper.engine.vrrp.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.vrrp.StateChange;

/** Records what happened in a simulation, for scenario tests to ask about afterwards. */
public final class TransitionLog implements SimObserver {

    /** One state change, stamped with the simulated time it happened at. */
    public record Entry(long at, SimRouter router, StateChange change) {
    }

    /** One advert put on the wire. */
    public record Sent(long at, SimRouter router, int virtualRouterId, int priority) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();

    @Override
    public void stateChanged(long nowNanos, SimRouter router, StateChange change) {
        entries.add(new Entry(nowNanos, router, change));
    }

    @Override
    public void advertSent(long nowNanos, SimRouter from, int virtualRouterId, int priority) {
        sent.add(new Sent(nowNanos, from, virtualRouterId, priority));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The instance transitions of a router's VRID at or after {@code fromNanos}. */
    public List<Entry> of(SimRouter router, int vrid, long fromNanos) {
        return entries.stream()
                .filter(e -> e.router() == router && e.at() >= fromNanos
                        && e.change().subject() == Transition.Subject.INSTANCE
                        && e.change().name().equals(InstanceBuilder.name(vrid)))
                .toList();
    }

    /** The first time at or after {@code fromNanos} that the router's VRID entered {@code state}. */
    public Optional<Long> firstEntered(SimRouter router, int vrid, VrrpState state, long fromNanos) {
        return of(router, vrid, fromNanos).stream().filter(e -> e.change().to() == state).map(Entry::at).findFirst();
    }

    /** The sync-group transitions of a router at or after {@code fromNanos}. */
    public List<Entry> groupTransitions(SimRouter router, long fromNanos) {
        return entries.stream().filter(e -> e.router() == router && e.at() >= fromNanos
                && e.change().subject() == Transition.Subject.GROUP).toList();
    }

    /** Every transition, of any router, at or after {@code fromNanos}. */
    public List<Entry> since(long fromNanos) {
        return entries.stream().filter(e -> e.at() >= fromNanos).toList();
    }

    /** The adverts a router sent for a VRID in [from, to). */
    public List<Sent> sent(SimRouter router, int vrid, long fromNanos, long toNanos) {
        return sent.stream().filter(s -> s.router() == router && s.virtualRouterId() == vrid
                && s.at() >= fromNanos && s.at() < toNanos).toList();
    }

    /** The last advert (any priority) the router sent for a VRID before {@code beforeNanos}. */
    public Sent lastSent(SimRouter router, int vrid, long beforeNanos) {
        Sent last = null;
        for (Sent s : sent) {
            if (s.router() == router && s.virtualRouterId() == vrid && s.at() <= beforeNanos) {
                last = s;
            }
        }
        return last;
    }
}
