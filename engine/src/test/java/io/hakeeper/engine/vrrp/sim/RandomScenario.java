package io.hakeeper.engine.vrrp.sim;

import static io.hakeeper.engine.vrrp.sim.RfcTimers.MILLISECOND;
import static io.hakeeper.engine.vrrp.sim.RfcTimers.SECOND;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.hakeeper.engine.config.model.TrackKind;
import io.hakeeper.engine.vrrp.InstanceParameters;
import io.hakeeper.engine.vrrp.TrackedStatus;

/**
 * One randomized run, entirely determined by its seed: 2–4 routers with 1–2 virtual routers each (v2, or
 * v3 with each router's own interval; ties and address owners likely, sometimes nopreempt, weighted and
 * weight-0 scripts), 20–40 s of chaos (loss, delay, jitter, partitions, power cuts, graceful shutdowns,
 * restarts, scripts and links flapping), then the network made whole and every router brought back. The
 * {@link ElectionChecker} watches throughout; once the network has been whole for Master_Down_Interval
 * (plus the adverts in flight), each VRID must have one rightful master, and keep it.
 */
final class RandomScenario {

    private static final String SCRIPT = "chk";
    private static final int[] PRIORITIES = {50, 100, 100, 150, 200, 254};
    private static final int[] WEIGHTS = {60, -60, 0, 30};
    private static final long CHECK_STEP = 50 * MILLISECOND;

    private final long seed;
    private final Random chance;
    private final SimulatedLan lan;
    private final ElectionChecker checker;
    private final TransitionLog log = new TransitionLog();
    private final int vrids;
    private final int version;
    /** The longest advert interval of any router (v3 routers may differ; v2 ones may not). */
    private int longestIntervalCentiseconds;

    RandomScenario(long seed, MachineDefect defect) {
        this.seed = seed;
        this.chance = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        this.lan = new SimulatedLan(seed);
        this.vrids = 1 + chance.nextInt(2);
        this.version = chance.nextBoolean() ? 2 : 3;
        int routers = 2 + chance.nextInt(3);
        boolean[] nopreempt = new boolean[vrids + 1];
        for (int v = 1; v <= vrids; v++) {
            nopreempt[v] = chance.nextInt(8) == 0;
        }
        for (int r = 0; r < routers; r++) {
            List<InstanceParameters> instances = new ArrayList<>();
            for (int v = 1; v <= vrids; v++) {
                boolean owner = r == 0 && v == 1 && chance.nextInt(8) == 0;
                InstanceBuilder b = InstanceBuilder.instance(v, owner ? 255 : PRIORITIES[chance.nextInt(PRIORITIES.length)],
                        r + 1).version(version).interval(randomInterval());
                if (nopreempt[v]) {
                    b.nopreempt();
                }
                if (chance.nextInt(3) == 0) {
                    b.track(TrackKind.SCRIPT, SCRIPT, WEIGHTS[chance.nextInt(WEIGHTS.length)], chance.nextInt(6) == 0);
                }
                instances.add(b.build());
            }
            lan.addRouter("r" + (r + 1), null, defect, instances.toArray(InstanceParameters[]::new));
        }
        this.checker = new ElectionChecker(lan);
        lan.observe(checker);
        lan.observe(log);
    }

    /** Runs the scenario; the violations found, each line prefixed with the seed that replays it. */
    List<String> run() {
        for (SimRouter r : lan.routers()) {
            lan.setTracked(r, TrackKind.SCRIPT, SCRIPT, TrackedStatus.UP);
        }
        lan.setConditions(randomConditions());
        lan.startAll();
        long chaosEnd = 20 * SECOND + (long) (chance.nextDouble() * 20 * SECOND);
        while (lan.now() < chaosEnd) {
            runChecked(lan.now() + 50 * MILLISECOND + (long) (chance.nextDouble() * 2 * SECOND));
            disturb();
        }
        makeWhole();
        long whole = lan.now();
        long settle = RfcTimers.masterDownInterval(version, 1, longestIntervalCentiseconds)
                + 2 * lan.conditions().maxDelayNanos() + lan.tickNanos();
        runChecked(whole + settle);
        long settled = lan.now();
        for (int v = 1; v <= vrids; v++) {
            checker.checkOneRightfulMaster(lan, v, settled);
        }
        runChecked(settled + 3 * settle);
        for (int v = 1; v <= vrids; v++) {
            checker.checkOneRightfulMaster(lan, v, lan.now());
        }
        List<String> violations = new ArrayList<>(checker.violations());
        if (!log.since(settled).isEmpty()) {
            violations.add("flapping after the network was whole: " + log.since(settled).stream()
                    .map(e -> e.router() + "/" + e.change().name() + " " + e.change().from() + "->" + e.change().to())
                    .toList());
        }
        violations.addAll(lan.suspectedBugs().stream().map(Object::toString).toList());
        return violations.stream().map(v -> "seed " + seed + ": " + v).toList();
    }

    /** v2 needs equal intervals (1 s here); v3 backups learn whatever their master sends. */
    private int randomInterval() {
        int interval = version == 2 ? 100 : new int[] {20, 50, 100}[chance.nextInt(3)];
        longestIntervalCentiseconds = Math.max(longestIntervalCentiseconds, interval);
        return interval;
    }

    private void runChecked(long until) {
        while (lan.now() < until) {
            lan.runUntil(Math.min(until, lan.now() + CHECK_STEP));
            checker.checkTimersAt(lan.now());
        }
    }

    private NetworkConditions randomConditions() {
        return new NetworkConditions((long) (100_000 + chance.nextDouble() * 3 * MILLISECOND),
                (long) (chance.nextDouble() * 5 * MILLISECOND), chance.nextDouble() * 0.3);
    }

    private void disturb() {
        List<SimRouter> routers = lan.routers();
        SimRouter r = routers.get(chance.nextInt(routers.size()));
        switch (chance.nextInt(8)) {
            case 0 -> {
                if (r.alive()) {
                    lan.kill(r);
                }
            }
            case 1 -> {
                if (r.alive()) {
                    lan.shutdown(r);
                }
            }
            case 2 -> {
                if (!r.alive()) {
                    lan.start(r);
                }
            }
            case 3 -> {
                int[] sides = new int[routers.size()];
                for (int i = 0; i < sides.length; i++) {
                    sides[i] = chance.nextInt(2);
                }
                lan.partition(sides);
            }
            case 4 -> lan.heal();
            case 5 -> lan.setTracked(r, TrackKind.SCRIPT, SCRIPT,
                    r.trackedStatus(TrackKind.SCRIPT, SCRIPT) == TrackedStatus.UP ? TrackedStatus.DOWN : TrackedStatus.UP);
            case 6 -> lan.setInterface(r, !r.interfaceUp());
            default -> lan.setConditions(randomConditions());
        }
    }

    /** The end of the chaos: no partition, no loss, everyone powered on; links and scripts stay as they are. */
    private void makeWhole() {
        lan.heal();
        NetworkConditions c = lan.conditions();
        lan.setConditions(new NetworkConditions(c.delayNanos(), c.jitterNanos(), 0));
        for (SimRouter r : lan.routers()) {
            if (!r.alive()) {
                lan.start(r);
            }
        }
    }
}
