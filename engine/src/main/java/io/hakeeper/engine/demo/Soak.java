package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabProcess;
import io.hakeeper.engine.lab.NamespaceLab;

/**
 * {@code hakeeper-demo --soak MINUTES [--seed N]}: three hakeeperd and one keepalived run the same three
 * virtual routers in the namespace lab while faults drawn from the seed hit them, one at a time, each
 * followed by a calm long enough to judge; then the capture of the switch, the client's pings and the
 * daemons' logs are held to the invariants of {@link SoakInvariant}. The same seed replays the same
 * sequence of faults.
 */
final class Soak {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(3);
    /** What the judge needs after the bound: a few adverts of the slowest virtual router. */
    private static final Duration OBSERVED = Duration.ofMillis(1500);
    private static final String PING_INTERVAL = "0.02";
    /** The soak's notifier: one line per call, and one long sleep when the fault asks for it. */
    private static final String NOTIFY_SCRIPT = """
            #!/bin/sh
            # hakeeper-demo --soak's notifier: DIR TYPE NAME STATE PRIORITY. One line per call, with the
            # caller's pid (the daemon's), into DIR/notify.log; when DIR/notify-hang exists, it is removed and
            # this call hangs well past the daemon's 30 s limit.
            dir=$1
            shift
            echo "$(date +%s.%N) $PPID $*" >> "$dir/notify.log"
            if [ -e "$dir/notify-hang" ]; then
                rm -f "$dir/notify-hang"
                exec sleep 45
            fi
            """;

    private final Path home;
    private final Path workDir;
    private final Duration length;
    private final long seed;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    Soak(Path home, Path workDir, Duration length, long seed, PrintStream out) {
        this.home = home;
        this.workDir = workDir;
        this.length = length;
        this.seed = seed;
        this.out = out;
    }

    /** @return the number of failed checks */
    int run() {
        say("hakeeper-demo --soak " + length.toMinutes() + " --seed " + seed + " (load average " + loadAverage() + ")");
        say("  3 hakeeperd (node1-3) and keepalived (node4) run:");
        for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
            say(String.format(Locale.ROOT, "    %-50s priorities %s, VIP %s, judged from heal + %d ms", vr.label(),
                    vr.priorities(), vr.pinged(), vr.settleBound().toMillis()));
        }
        say("  logs, configurations, capture, pings: " + workDir);
        Path pluginDir = pluginDir();
        Path notifyScript = notifyScript();
        List<SoakFault> faults = new ArrayList<>();
        List<SoakCheck> checks = new ArrayList<>();
        List<SoakRouter> routers = new ArrayList<>();
        SoakJudge judge;
        try (NamespaceLab lab = NamespaceLab.create(4, workDir)) {
            for (int i = 1; i <= 4; i++) {
                routers.add(new SoakRouter(i - 1, lab.node(i), i <= 3 ? Router.HAKEEPER : Router.KEEPALIVED, home,
                        workDir, pluginDir, notifyScript));
            }
            routers.forEach(router -> router.start(lab));
            SoakFaultInjector injector = new SoakFaultInjector(lab, routers);
            awaitRightfulMasters(injector);
            say("every virtual router has its rightful master; the client pings the VIPs every "
                    + (int) (Double.parseDouble(PING_INTERVAL) * 1000) + " ms, the faults begin");
            setBroadcastNeighbours(lab);
            Capture capture = lab.captureSwitch(SoakWire.CAPTURE_FILTER);
            Map<String, LabProcess> pings = new LinkedHashMap<>();
            for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
                pings.put(vr.pinged(), lab.start(lab.client(), pingArgv(vr)));
            }
            SoakFaultInjector.sleep(Duration.ofSeconds(2));

            long end = System.nanoTime() + length.toNanos();
            SoakFaultPlan plan = new SoakFaultPlan(seed);
            while (System.nanoTime() < end) {
                SoakFaultPlan.Step step = plan.next();
                SoakFault fault = injector.inject(step);
                faults.add(fault);
                report(fault);
                checks.addAll(fault.checks());
                calm(step.calm());
                for (SoakRouter router : routers) {
                    health(router, fault, injector, faults, checks);
                }
                endSplitBrain(fault, injector, faults, checks);
            }
            long endMicros = SoakFaultInjector.now();
            for (LabProcess ping : pings.values()) {
                FailoverTrial.stopPing(ping);
            }
            Path pcap = capture.stop();
            say("faults done; judging " + faults.size() + " faults from the capture, the pings and the logs");
            Map<String, List<PingLog.Reply>> replies = new LinkedHashMap<>();
            pings.forEach((vip, ping) -> replies.put(vip, PingLog.replies(read(ping.output()))));
            SoakWire wire = SoakWire.read(pcap, workDir.resolve("tcpdump-read.err"));
            say("the capture holds " + wire.advertCount() + " adverts and " + wire.replyCount() + " echo replies");
            judge = new SoakJudge(wire, replies, routers);
            judge.judge(faults, endMicros);
            checks.addAll(judge.checks());
            checks.addAll(SoakLogs.judge(routers));
            for (SoakRouter router : routers) {
                router.current().filter(run -> router.isHakeeper() && !run.killed && !run.process.process().isAlive())
                        .ifPresent(run -> checks.add(SoakCheck.fail(SoakInvariant.NO_EXIT, 0, router + " exited with "
                                + run.process.process().exitValue() + " (log " + run.process.output() + ")")));
            }
        }
        return new SoakReport(out, seed, length, faults, checks, judge.takeovers(), loadAverage()).print();
    }

    /** {@code ping -D -n -i 0.02 VIP}, IPv4 or IPv6. */
    private static String[] pingArgv(SoakVirtualRouter vr) {
        List<String> argv = new ArrayList<>(vr.ipv6() ? List.of("ping", "-6") : List.of("ping"));
        argv.addAll(List.of("-D", "-n", "-i", PING_INTERVAL, vr.pinged()));
        return argv.toArray(String[]::new);
    }

    private void awaitRightfulMasters(SoakFaultInjector injector) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        List<SoakRouter> routers = injector.routers();
        for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
            SoakRouter rightful = routers.get(vr.rightfulMaster());
            while (!injector.soleHolder(vr).filter(rightful::equals).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw new TrialFailedException(rightful + " was never the only router with " + vr.pinged()
                            + " within " + STARTUP_TIMEOUT.toSeconds() + " s (logs in " + workDir + ")");
                }
                SoakFaultInjector.sleep(Duration.ofMillis(50));
            }
        }
    }

    /**
     * The client sends its pings to the broadcast MAC (IPv6: all-nodes), so that every router holding a VIP
     * answers: two holders show as two answers to one request.
     */
    private static void setBroadcastNeighbours(NamespaceLab lab) {
        for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
            lab.exec(lab.client(), "ip", vr.ipv6() ? "-6" : "-4", "neigh", "replace", vr.pinged(), "lladdr",
                    vr.ipv6() ? "33:33:00:00:00:01" : "ff:ff:ff:ff:ff:ff", "nud", "permanent", "dev",
                    lab.client().interfaceName()).orThrow();
        }
    }

    /** Long enough after a heal for the slowest virtual router's bound and a few of its adverts. */
    private static void calm(double jitter) {
        Duration bound = SoakVirtualRouter.ALL.stream().map(SoakVirtualRouter::settleBound).max(Duration::compareTo)
                .orElseThrow();
        SoakFaultInjector.sleep(bound.plus(OBSERVED).plusMillis(Math.round(jitter * 500)));
    }

    /**
     * A hakeeperd must be alive unless killed, and answer {@code status}; one that is not is a violation,
     * and is restarted so that the soak goes on meaning something. A keepalived that died is restarted too.
     */
    private void health(SoakRouter router, SoakFault after, SoakFaultInjector injector, List<SoakFault> faults,
            List<SoakCheck> checks) {
        SoakRouter.Run run = router.current().orElseThrow();
        String problem = null;
        if (!run.process.process().isAlive()) {
            problem = "exited with " + run.process.process().exitValue();
        } else if (router.isHakeeper()) {
            SoakControl.Reply status = SoakControl.call(router.socket(), "status", STATUS_TIMEOUT);
            if (!status.ok()) {
                problem = "does not answer status: " + status;
            }
        }
        if (router.isHakeeper()) {
            checks.add(problem == null ? SoakCheck.pass(SoakInvariant.NO_EXIT, after.number())
                    : SoakCheck.fail(SoakInvariant.NO_EXIT, after.number(), router + " " + problem + " after "
                            + SoakJudge.describe(after) + " (log " + run.process.output() + ")"));
        }
        if (problem != null) {
            recover(after, injector, router, router + " " + problem, faults, checks);
        }
    }

    /**
     * A VIP still held by two routers at the end of the calm is a split brain the judge will report from
     * the capture; left alone it would run on through every later fault and hide what they do. Every
     * hakeeperd among its holders is restarted (a recovery), which brings the lab back to a known state.
     */
    private void endSplitBrain(SoakFault after, SoakFaultInjector injector, List<SoakFault> faults,
            List<SoakCheck> checks) {
        List<SoakRouter> restart = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (SoakVirtualRouter vr : SoakVirtualRouter.ALL) {
            List<SoakRouter> holders = injector.holders(vr);
            if (holders.size() > 1) {
                why.add(vr.pinged() + " on " + holders.stream().map(SoakRouter::name).toList());
                holders.stream().filter(SoakRouter::isHakeeper).filter(r -> !restart.contains(r)).forEach(restart::add);
            }
        }
        for (SoakRouter router : restart) {
            recover(after, injector, router, "split brain at the end of the calm: " + String.join(", ", why), faults,
                    checks);
        }
    }

    private void recover(SoakFault after, SoakFaultInjector injector, SoakRouter router, String why,
            List<SoakFault> faults, List<SoakCheck> checks) {
        SoakFault recovery = injector.killRestart(after.number(), SoakFaultKind.KILL_RESTART, router, Duration.ZERO,
                false, why);
        faults.add(recovery);
        checks.addAll(recovery.checks());
        report(recovery);
        calm(0);
    }

    private void report(SoakFault fault) {
        say(String.format(Locale.ROOT, "%s %-26s %-18s at %.3f: %s; healed after %s", fault.planned()
                ? String.format(Locale.ROOT, "fault %3d", fault.number()) : "recovery ", fault.planned()
                ? fault.kind().label() : "(restart)", fault.target(), fault.startMicros() / 1e6, fault.detail(),
                SoakJudge.ms(fault.healMicros() - fault.startMicros())));
    }

    private Path pluginDir() {
        Path dir = workDir.resolve("plugins");
        try {
            Files.createDirectories(dir);
            try (Stream<Path> jars = Stream.concat(Files.list(home.resolve("plugins")),
                    Files.list(home.resolve("libexec/soak")))) {
                for (Path jar : (Iterable<Path>) jars.filter(j -> j.toString().endsWith(".jar"))::iterator) {
                    Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill the soak's plugin directory " + dir, e);
        }
        return dir;
    }

    private Path notifyScript() {
        Path script = workDir.resolve("soak-notify.sh");
        try {
            Files.writeString(script, NOTIFY_SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        return script;
    }

    private void say(String line) {
        out.printf(Locale.ROOT, "%8.1f s  %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Counts by kind, for the report; planned faults only. */
    static Map<SoakFaultKind, Integer> countByKind(List<SoakFault> faults) {
        Map<SoakFaultKind, Integer> counts = new EnumMap<>(SoakFaultKind.class);
        faults.stream().filter(SoakFault::planned).forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        return counts;
    }
}
