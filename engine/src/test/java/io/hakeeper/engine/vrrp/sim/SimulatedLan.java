package io.hakeeper.engine.vrrp.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.Action;
import io.hakeeper.engine.vrrp.ActionBuffer;
import io.hakeeper.engine.vrrp.Effect;
import io.hakeeper.engine.vrrp.InstanceMachine;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.StateChange;
import io.hakeeper.engine.vrrp.SuspectedBug;
import io.hakeeper.engine.vrrp.TrackedItem;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * A deterministic LAN of simulated routers on a virtual clock. Events happen one at a time in time order
 * (ties in the order they were scheduled); adverts go to every other router with the same VRID after the
 * configured delay and jitter, unless lost or cut off by a partition when they arrive. Timers fire on the
 * next tick at or after their deadline, as a loop with that timer resolution would fire them. All chance
 * comes from one {@link Random} seeded at construction, so a run replays exactly from its seed.
 */
public final class SimulatedLan {

    /** The timer resolution of the simulated event loop. */
    public static final long DEFAULT_TICK_NANOS = 1_000_000L;

    private final long seed;
    private final Random random;
    private final long tickNanos;
    private final List<SimRouter> routers = new ArrayList<>();
    private final List<SimObserver> observers = new ArrayList<>();
    private final PriorityQueue<InFlight> wire = new PriorityQueue<>();
    private NetworkConditions conditions = NetworkConditions.CLEAN;
    private int[] partitionOf = new int[0];
    private long now;
    private long scheduled;
    private final List<SuspectedBug> bugs = new ArrayList<>();

    private record InFlight(long at, long order, SimRouter from, SimAdvert advert) implements Comparable<InFlight> {
        @Override
        public int compareTo(InFlight o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    public SimulatedLan(long seed) {
        this(seed, DEFAULT_TICK_NANOS);
    }

    public SimulatedLan(long seed, long tickNanos) {
        this.seed = seed;
        this.random = new Random(seed);
        this.tickNanos = tickNanos;
    }

    public long seed() {
        return seed;
    }

    public long now() {
        return now;
    }

    public long tickNanos() {
        return tickNanos;
    }

    public List<SimRouter> routers() {
        return routers;
    }

    /** Adds a router (not yet started) with its instances, none of them in a sync group. */
    public SimRouter addRouter(String name, InstanceParameters... instances) {
        return addRouter(name, null, MachineDefect.NONE, instances);
    }

    /** Adds a router whose instances form the sync group {@code syncGroup} (null for none). */
    public SimRouter addRouter(String name, String syncGroup, MachineDefect defect, InstanceParameters... instances) {
        return addRouter(name, syncGroup, List.of(), defect, instances);
    }

    /** Adds a router whose instances form a sync group that tracks {@code groupTracked} itself. */
    public SimRouter addRouter(String name, String syncGroup, List<TrackedItem> groupTracked, MachineDefect defect,
                               InstanceParameters... instances) {
        SimRouter router = new SimRouter(name, routers.size(), List.of(instances), syncGroup, groupTracked, defect);
        routers.add(router);
        partitionOf = Arrays.copyOf(partitionOf, routers.size());
        return router;
    }

    public void observe(SimObserver observer) {
        observers.add(observer);
    }

    public void setConditions(NetworkConditions conditions) {
        this.conditions = conditions;
    }

    public NetworkConditions conditions() {
        return conditions;
    }

    /** Splits the LAN: routers in different sides hear nothing of each other. */
    public void partition(List<SimRouter> side) {
        Arrays.fill(partitionOf, 0);
        side.forEach(r -> partitionOf[r.index()] = 1);
    }

    /** Puts each router in the numbered partition given (same number, same segment). */
    public void partition(int[] sides) {
        partitionOf = sides.clone();
    }

    public void heal() {
        Arrays.fill(partitionOf, 0);
    }

    public boolean whole() {
        return Arrays.stream(partitionOf).allMatch(p -> p == 0);
    }

    // ---- things that happen to routers ---------------------------------------------------------------

    public void start(SimRouter router) {
        router.boot(now);
        drain(router);
    }

    public void startAll() {
        routers.forEach(this::start);
    }

    /** Power off: no priority-0 advert, the machines just vanish. */
    public void kill(SimRouter router) {
        router.kill();
        observers.forEach(o -> o.routerKilled(now, router));
    }

    /** Graceful shutdown of every instance (a master resigns with priority 0), then power off. */
    public void shutdown(SimRouter router) {
        for (InstanceMachine m : router.liveMachines()) {
            m.onShutdown(now);
        }
        drain(router);
        kill(router);
    }

    public void setInterface(SimRouter router, boolean up) {
        router.setInterface(up, now);
        observers.forEach(o -> o.trackedChanged(now, router));
        drain(router);
    }

    public void setTracked(SimRouter router, TrackKind kind, String name, TrackedStatus status) {
        router.setTracked(kind, name, status, now);
        observers.forEach(o -> o.trackedChanged(now, router));
        drain(router);
    }

    // ---- time --------------------------------------------------------------------------------------

    /** Runs every event up to and including {@code untilNanos}, then sets the clock there. */
    public void runUntil(long untilNanos) {
        while (true) {
            SimRouter timerRouter = null;
            InstanceMachine timerMachine = null;
            long timerAt = Long.MAX_VALUE;
            for (SimRouter r : routers) {
                for (InstanceMachine m : r.liveMachines()) {
                    long at = firingTime(r, m);
                    if (at < timerAt) {
                        timerAt = at;
                        timerRouter = r;
                        timerMachine = m;
                    }
                }
            }
            InFlight next = wire.peek();
            long nextAt = Math.min(timerAt, next == null ? Long.MAX_VALUE : next.at());
            if (nextAt > untilNanos) {
                break;
            }
            now = Math.max(now, nextAt);
            if (next != null && next.at() <= timerAt) {
                wire.poll();
                deliver(next);
            } else {
                fire(timerRouter, timerMachine);
            }
        }
        now = Math.max(now, untilNanos);
    }

    /** Runs for {@code nanos} of virtual time. */
    public void runFor(long nanos) {
        runUntil(now + nanos);
    }

    private long firingTime(SimRouter router, InstanceMachine machine) {
        long deadline = machine.nextDeadlineNanos();
        if (deadline == InstanceMachine.NO_DEADLINE) {
            return Long.MAX_VALUE;
        }
        if (router.defect() == MachineDefect.SKEW_IGNORED && machine.state() == VrrpState.BACKUP) {
            deadline -= machine.skewTimeNanos();
        }
        long ticks = Math.floorDiv(deadline + tickNanos - 1, tickNanos);
        return Math.max(now, ticks * tickNanos);
    }

    private void fire(SimRouter router, InstanceMachine machine) {
        long told = now;
        if (router.defect() == MachineDefect.SKEW_IGNORED && machine.state() == VrrpState.BACKUP) {
            // The defect: the machine is told its deadline has come when only 3 × interval has passed.
            told = Math.max(now, machine.nextDeadlineNanos());
        }
        machine.onTimer(told);
        drain(router);
    }

    private void deliver(InFlight packet) {
        SimRouter from = packet.from();
        SimAdvert advert = packet.advert();
        for (SimRouter to : routers) {
            boolean cutOff = from != null && partitionOf[to.index()] != partitionOf[from.index()];
            if (to == from || !to.alive() || cutOff) {
                continue;
            }
            InstanceMachine m = to.machine(advert.virtualRouterId());
            if (m == null || random.nextDouble() < conditions.lossProbability()) {
                continue;
            }
            observers.forEach(o -> o.advertDelivered(now, to, advert));
            m.onAdvert(to.defect() == MachineDefect.TIE_BREAK_REVERSED ? advert.reversed() : advert, now);
            drain(to);
        }
    }

    private void drain(SimRouter router) {
        ActionBuffer out = router.out;
        for (int i = 0; i < out.size(); i++) {
            Action action = out.action(i);
            InstanceMachine source = out.source(i);
            if (action == Effect.SEND_ADVERT) {
                send(router, source, source.effectivePriority());
            } else if (action == Effect.SEND_PRIORITY_ZERO_ADVERT) {
                send(router, source, 0);
            } else if (action instanceof StateChange change) {
                observers.forEach(o -> o.stateChanged(now, router, change));
            } else if (action instanceof SuspectedBug bug) {
                bugs.add(bug);
            }
        }
        out.clear();
    }

    private void send(SimRouter router, InstanceMachine source, int priority) {
        InstanceParameters p = source.parameters();
        observers.forEach(o -> o.advertSent(now, router, p.virtualRouterId(), priority));
        long jitter = conditions.jitterNanos() == 0 ? 0 : (long) (random.nextDouble() * conditions.jitterNanos());
        SimAdvert advert = new SimAdvert(p.virtualRouterId(), priority, source.advertIntervalCentiseconds(),
                p.primaryAddress(), false);
        wire.add(new InFlight(now + conditions.delayNanos() + jitter, scheduled++, router, advert));
    }

    /**
     * Puts a forged advert on the wire now, as from a host that runs no machine here (it passed the receive
     * checks, as a well-formed advert from anyone on the segment would).
     */
    public void inject(int virtualRouterId, int priority, int intervalCentiseconds, byte[] source) {
        wire.add(new InFlight(now + conditions.delayNanos(), scheduled++, null,
                new SimAdvert(virtualRouterId, priority, intervalCentiseconds, source.clone(), false)));
    }

    /** Events a machine reported as impossible in its state; a correct run has none. */
    public List<SuspectedBug> suspectedBugs() {
        return bugs;
    }

    /** The routers currently MASTER for a VRID. */
    public List<SimRouter> masters(int virtualRouterId) {
        List<SimRouter> masters = new ArrayList<>();
        for (SimRouter r : routers) {
            if (r.state(virtualRouterId) == VrrpState.MASTER) {
                masters.add(r);
            }
        }
        return masters;
    }
}
