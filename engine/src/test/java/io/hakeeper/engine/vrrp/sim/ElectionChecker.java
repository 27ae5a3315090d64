package io.hakeeper.engine.vrrp.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.StateChange;

/**
 * Watches a simulation and checks every transition against a table written here from the RFCs and the
 * issue, not from the machine: which changes may happen at all, what must justify each (a timer that had
 * run out, a better advert heard at that instant, a fault), and that a backup whose Master_Down_Timer ran
 * out did take over within a tick. It keeps its own timers, from the adverts it sees delivered.
 *
 * <p>Violations are collected, not thrown, so that a randomized run can report them with its seed.
 */
final class ElectionChecker implements SimObserver {

    /** What the checker believes about one router's instance of one VRID. */
    private static final class Model {
        final SimRouter router;
        final InstanceParameters config;
        VrrpState state = VrrpState.INIT;
        int learnedIntervalCentiseconds;
        /** When the Master_Down_Timer runs out, by the checker's own account (BACKUP only). */
        long masterDueAt = Long.MAX_VALUE;
        SimAdvert heardNow;
        long heardAt = -1;
        long resignedAt = -1;

        Model(SimRouter router, InstanceParameters config) {
            this.router = router;
            this.config = config;
        }

        int priority() {
            return IndependentModel.effectivePriority(config, router);
        }
    }

    private final long tickNanos;
    private final Map<SimRouter, Map<String, Model>> models = new HashMap<>();
    private final List<String> violations = new ArrayList<>();

    ElectionChecker(SimulatedLan lan) {
        this.tickNanos = lan.tickNanos();
        for (SimRouter r : lan.routers()) {
            Map<String, Model> byName = new HashMap<>();
            r.instances().forEach(p -> byName.put(p.name(), new Model(r, p)));
            models.put(r, byName);
        }
    }

    List<String> violations() {
        return violations;
    }

    private Model model(SimRouter router, int vrid) {
        return models.get(router).get(InstanceBuilder.name(vrid));
    }

    @Override
    public void advertDelivered(long now, SimRouter to, SimAdvert advert) {
        Model m = model(to, advert.virtualRouterId());
        m.heardNow = advert;
        m.heardAt = now;
        if (m.state == VrrpState.BACKUP) {
            backupHears(m, advert, now);
        }
    }

    /** RFC 5798 6.4.2: priority 0 sets the timer to Skew_Time; an acceptable advert resets it. */
    private void backupHears(Model m, SimAdvert advert, long now) {
        int version = m.config.version();
        if (advert.priority() == 0) {
            m.masterDueAt = now + RfcTimers.skewTime(version, m.priority(), m.learnedIntervalCentiseconds);
        } else if (m.config.nopreempt() || advert.priority() >= m.priority()) {
            if (version == 3) {
                m.learnedIntervalCentiseconds = advert.intervalCentiseconds();
            }
            m.masterDueAt = now + RfcTimers.masterDownInterval(version, m.priority(), m.learnedIntervalCentiseconds);
        }
    }

    @Override
    public void advertSent(long now, SimRouter from, int virtualRouterId, int priority) {
        if (priority == 0) {
            model(from, virtualRouterId).resignedAt = now;
        }
    }

    @Override
    public void stateChanged(long now, SimRouter router, StateChange change) {
        if (change.subject() != Transition.Subject.INSTANCE) {
            return;
        }
        Model m = models.get(router).get(change.name());
        if (change.from() != m.state) {
            violate(now, m, "reported " + change.from() + " -> " + change.to() + " but was " + m.state);
        }
        String why = justification(m, change.to(), now);
        if (why != null) {
            violate(now, m, change.from() + " -> " + change.to() + " (" + change.cause() + "): " + why);
        }
        enter(m, change.to(), now);
    }

    /** The transition table: null when the change is allowed and justified now, else what is wrong. */
    private String justification(Model m, VrrpState to, long now) {
        boolean fault = IndependentModel.fault(m.config, m.router);
        boolean owner = m.config.priority() == 255;
        if (m.state == VrrpState.MASTER && (to == VrrpState.FAULT || to == VrrpState.STOP) && m.resignedAt != now) {
            return "a master leaving for " + to + " must resign with a priority-0 advert";
        }
        if (to == VrrpState.STOP) {
            return null; // shutdown is allowed from anywhere
        }
        return switch (m.state) {
            case INIT -> switch (to) {
                case FAULT -> fault ? null : "FAULT without a fault";
                case MASTER -> !fault && owner ? null : "only an address owner starts as MASTER";
                case BACKUP -> !fault && !owner ? null : "should have started in FAULT or as owner in MASTER";
                default -> "not a transition";
            };
            case BACKUP -> switch (to) {
                case MASTER -> now >= m.masterDueAt ? null
                        : "took over " + (m.masterDueAt - now) + " ns before its Master_Down_Timer ran out";
                case FAULT -> fault ? null : "FAULT without a fault";
                default -> "not a transition";
            };
            case MASTER -> switch (to) {
                case BACKUP -> betterAdvertHeardNow(m, now) ? null : "stepped down without hearing a better master";
                case FAULT -> fault ? null : "FAULT without a fault";
                default -> "not a transition";
            };
            case FAULT -> switch (to) {
                case BACKUP -> !fault && !owner ? null : "left FAULT while faulty, or an owner not to MASTER";
                case MASTER -> !fault && owner ? null : "only an owner leaves FAULT for MASTER";
                default -> "not a transition";
            };
            case STOP -> "nothing follows STOP but a restart";
        };
    }

    /** RFC 5798 6.4.3: a higher priority, or an equal one from a higher primary address. */
    private boolean betterAdvertHeardNow(Model m, long now) {
        SimAdvert heard = m.heardNow;
        if (m.heardAt != now || heard == null) {
            return false;
        }
        int own = m.priority();
        return heard.priority() > own || heard.priority() == own
                && Arrays.compareUnsigned(heard.source(), m.config.primaryAddress()) > 0;
    }

    private void enter(Model m, VrrpState to, long now) {
        VrrpState from = m.state;
        m.state = to;
        m.masterDueAt = Long.MAX_VALUE;
        if (to == VrrpState.BACKUP) {
            m.learnedIntervalCentiseconds = m.config.advertIntervalCentiseconds();
            m.masterDueAt = now + RfcTimers.masterDownInterval(m.config.version(), m.priority(),
                    m.learnedIntervalCentiseconds);
            if (from == VrrpState.MASTER) {
                backupHears(m, m.heardNow, now); // the better master's advert is the first one accepted
            }
        }
    }

    @Override
    public void routerKilled(long now, SimRouter router) {
        for (Model m : models.get(router).values()) {
            m.state = VrrpState.INIT;
            m.masterDueAt = Long.MAX_VALUE;
            m.heardNow = null;
        }
    }

    /** Liveness: every backup whose timer ran out more than a tick ago must have taken over by now. */
    void checkTimersAt(long now) {
        for (Map<String, Model> byName : models.values()) {
            for (Model m : byName.values()) {
                if (m.state == VrrpState.BACKUP && now - tickNanos > m.masterDueAt) {
                    violate(now, m, "still BACKUP " + (now - m.masterDueAt) + " ns after its timer ran out");
                    m.masterDueAt = Long.MAX_VALUE; // report once
                }
            }
        }
    }

    /**
     * The steady-state invariant, for a network that has been whole long enough: exactly one master per VRID
     * among live, healthy routers, and with preemption on, one of the highest effective priority.
     */
    void checkOneRightfulMaster(SimulatedLan lan, int vrid, long now) {
        List<Model> candidates = new ArrayList<>();
        List<Model> masters = new ArrayList<>();
        boolean preempting = true;
        for (SimRouter r : lan.routers()) {
            Model m = model(r, vrid);
            if (!r.alive() || IndependentModel.fault(m.config, r)) {
                continue;
            }
            candidates.add(m);
            preempting &= !m.config.nopreempt();
            if (r.state(vrid) == VrrpState.MASTER) {
                masters.add(m);
            }
        }
        if (candidates.isEmpty()) {
            if (!masters.isEmpty()) {
                violations.add(at(now) + "VRID " + vrid + ": a master with no healthy router");
            }
            return;
        }
        if (masters.size() != 1) {
            violations.add(at(now) + "VRID " + vrid + ": " + masters.size() + " masters "
                    + masters.stream().map(m -> m.router.name()).toList());
            return;
        }
        int best = candidates.stream().mapToInt(Model::priority).max().orElseThrow();
        if (preempting && masters.get(0).priority() != best) {
            violations.add(at(now) + "VRID " + vrid + ": master " + masters.get(0).router.name() + " has priority "
                    + masters.get(0).priority() + ", the highest is " + best);
        }
    }

    private void violate(long now, Model m, String what) {
        violations.add(at(now) + m.router.name() + "/" + m.config.name() + ": " + what);
    }

    private static String at(long now) {
        return String.format("t=%.6fs ", now / 1e9);
    }
}
