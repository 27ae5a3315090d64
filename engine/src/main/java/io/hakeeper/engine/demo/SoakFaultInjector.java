package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.hakeeper.engine.lab.CommandResult;
import io.hakeeper.engine.lab.HostCommands;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.NamespaceLab;

/**
 * Does one planned fault to the lab and returns once it has healed, with the times the judge measures
 * from. Targets aimed at "the master" are found by who holds the VIP now; everything random was drawn by
 * the plan.
 */
final class SoakFaultInjector {

    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(10);
    /** The soak-hang backend's sleep: by then the call has returned, whatever the daemon's own limit. */
    private static final Duration VIP_HANG_LIMIT = Duration.ofSeconds(20);
    /** How long after the link's return a router that was not master still takes over and calls for its VIP. */
    private static final Duration VIP_CALL_WAIT = Duration.ofSeconds(2);
    private static final Duration STATS_POLL = Duration.ofMillis(100);

    private final NamespaceLab lab;
    private final List<SoakRouter> routers;
    private final List<SoakRouter> hakeepers;
    private int reloads;

    SoakFaultInjector(NamespaceLab lab, List<SoakRouter> routers) {
        this.lab = lab;
        this.routers = routers;
        this.hakeepers = routers.stream().filter(SoakRouter::isHakeeper).toList();
    }

    SoakFault inject(SoakFaultPlan.Step step) {
        SoakRouter router = routers.get(step.router());
        SoakRouter hakeeper = hakeepers.get(step.hakeeper());
        SoakVirtualRouter vr = SoakVirtualRouter.ALL.get(step.vr());
        return switch (step.kind()) {
            case LINK_FLAP -> linkFlap(step, router, seconds(0.3, 2.5, step.duration()), "", Optional.empty());
            case PARTITION -> partition(step, router);
            case KILL_RESTART -> killRestart(step.number(), step.kind(), router, seconds(0, 1.5, step.duration()), true,
                    "");
            case SIGSTOP_MASTER -> stopMaster(step, vr);
            case RELOAD_UNCHANGED -> reloadUnchanged(step, hakeeper);
            case RELOAD_CHANGED -> reloadChanged(step, hakeeper);
            case RELOAD_BROKEN -> reloadBroken(step, hakeeper);
            case RELOAD_FAILING_START -> reloadFailingStart(step, hakeeper);
            case CHECK_FLAP -> checkFlap(step, hakeeper);
            case NOTIFIER_HANG -> notifierHang(step, hakeeper);
            case VIP_HANG -> vipHang(step);
            case INTERFACE_RECREATE -> recreateInterface(step, router);
            case ADDRESS_REMOVED -> removeAddress(step, router);
        };
    }

    // ---- the link and the segment ---------------------------------------------------------------------

    private SoakFault linkFlap(SoakFaultPlan.Step step, SoakRouter router, Duration down, String detail,
            Optional<String> exempt) {
        long start = now();
        lab.linkDown(router.node());
        sleep(down);
        lab.linkUp(router.node());
        long heal = now();
        return fault(step, router, start, heal, detail + "link down " + millis(down), exempt, List.of());
    }

    private SoakFault partition(SoakFaultPlan.Step step, SoakRouter router) {
        Duration cut = seconds(1, 4, step.duration());
        long start = now();
        lab.isolate(router.node());
        sleep(cut);
        lab.rejoin(router.node());
        long heal = now();
        return fault(step, router, start, heal, "cut off for " + millis(cut), Optional.empty(), List.of());
    }

    private SoakFault recreateInterface(SoakFaultPlan.Step step, SoakRouter router) {
        Duration gone = seconds(0.5, 2, step.duration());
        long start = now();
        lab.deleteInterface(router.node());
        sleep(gone);
        lab.recreateInterface(router.node());
        long heal = now();
        return fault(step, router, start, heal, "eth0 gone for " + millis(gone), Optional.empty(), List.of());
    }

    private SoakFault removeAddress(SoakFaultPlan.Step step, SoakRouter router) {
        Duration gone = seconds(0.5, 3, step.duration());
        LabNode node = router.node();
        boolean ipv4 = step.variant() < 0.5;
        String address = ipv4 ? node.ipv4().getHostAddress() + "/" + NamespaceLab.IPV4_PREFIX_LENGTH
                : node.ipv6LinkLocal().getHostAddress().replaceFirst("%.*$", "") + "/64";
        long start = now();
        lab.exec(node, "ip", "addr", "del", address, "dev", node.interfaceName()).orThrow();
        sleep(gone);
        lab.exec(node, "ip", "addr", "add", address, "dev", node.interfaceName()).orThrow();
        long heal = now();
        return fault(step, router, start, heal, address + " removed for " + millis(gone), Optional.empty(), List.of());
    }

    // ---- processes ------------------------------------------------------------------------------------

    /** Also the soak's way back when a daemon died or stopped answering ({@code planned} false). */
    SoakFault killRestart(int number, SoakFaultKind kind, SoakRouter router, Duration pause, boolean planned,
            String why) {
        long start = now();
        router.kill();
        sleep(pause);
        router.start(lab);
        List<SoakCheck> checks = new ArrayList<>();
        long heal = awaitRawSockets(router);
        if (heal < 0) {
            heal = now();
            checks.add(SoakCheck.fail(SoakInvariant.HEALED, number, router + " opened no VRRP raw sockets within "
                    + RESTART_TIMEOUT.toSeconds() + " s of its restart"));
        } else {
            checks.add(SoakCheck.pass(SoakInvariant.HEALED, number));
        }
        return new SoakFault(number, kind, router.toString(), start, heal,
                (why.isEmpty() ? "" : why + "; ") + "restarted after " + millis(pause), Optional.empty(), checks,
                planned);
    }

    private SoakFault stopMaster(SoakFaultPlan.Step step, SoakVirtualRouter vr) {
        SoakRouter master = holderOf(vr);
        Duration stopped = vr.masterDownInterval().multipliedBy(2);
        List<String> pids = master.processes().stream().map(p -> Long.toString(p.pid())).toList();
        long start = now();
        signal("-STOP", pids);
        sleep(stopped);
        signal("-CONT", pids);
        long heal = now();
        return fault(step, master, start, heal, vr.instance() + "'s master stopped for " + millis(stopped),
                Optional.empty(), List.of());
    }

    private static void signal(String signal, List<String> pids) {
        if (!pids.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("kill", signal));
            argv.addAll(pids);
            HostCommands.run(argv);
        }
    }

    /**
     * When a raw socket for IP protocol 112 is open in the router's namespace for IPv4 and for IPv6: the
     * time just before the poll that saw both (so never later than the moment they opened plus one poll),
     * or -1.
     */
    private long awaitRawSockets(SoakRouter router) {
        long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            long before = now();
            if (hasRawVrrpSocket(router, "/proc/net/raw") && hasRawVrrpSocket(router, "/proc/net/raw6")) {
                return before;
            }
            sleep(POLL);
        }
        return -1;
    }

    private boolean hasRawVrrpSocket(SoakRouter router, String table) {
        // the protocol shows as the local "port", in hex: 112 = 0x70
        return lab.exec(router.node(), "cat", table).stdout().contains(":0070 ");
    }

    // ---- reloads --------------------------------------------------------------------------------------

    private SoakFault reloadUnchanged(SoakFaultPlan.Step step, SoakRouter router) {
        write(router, "# soak: reviewed, nothing to change (" + (++reloads) + ")\n" + router.config());
        long start = now();
        SoakControl.Reply reply = SoakControl.call(router.socket(), "reload", RELOAD_TIMEOUT);
        long heal = now();
        boolean kept = reply.ok() && "instances".equals(reply.result().get("mode"))
                && String.valueOf(reply.result().get("changed")).equals("[]");
        return fault(step, router, start, heal, "reload: " + reply, Optional.empty(), List.of(kept
                ? SoakCheck.pass(SoakInvariant.RELOAD_ANSWER, step.number())
                : SoakCheck.fail(SoakInvariant.RELOAD_ANSWER, step.number(), router + ": an unchanged file was not "
                        + "kept instance by instance: " + reply)));
    }

    private SoakFault reloadChanged(SoakFaultPlan.Step step, SoakRouter router) {
        boolean instance = step.variant() < 0.5;
        if (instance) {
            router.flipPriority();
        } else {
            router.flipGlobal();
        }
        write(router, router.config());
        long start = now();
        SoakControl.Reply reply = SoakControl.call(router.socket(), "reload", RELOAD_TIMEOUT);
        long heal = now();
        String expected = instance ? "instances" : "restart";
        boolean applied = reply.ok() && expected.equals(reply.result().get("mode"));
        return fault(step, router, start, heal, (instance ? "VI_C's priority" : "global_defs") + " changed, reload: "
                + reply, Optional.empty(), List.of(applied
                ? SoakCheck.pass(SoakInvariant.RELOAD_ANSWER, step.number())
                : SoakCheck.fail(SoakInvariant.RELOAD_ANSWER, step.number(), router + ": a changed file was not applied"
                        + " (mode " + expected + " expected): " + reply)));
    }

    private SoakFault reloadBroken(SoakFaultPlan.Step step, SoakRouter router) {
        write(router, router.config() + "\n[vrrp_instance.VI_BROKEN\n");
        long start = now();
        SoakControl.Reply reply = SoakControl.call(router.socket(), "reload", RELOAD_TIMEOUT);
        long heal = now();
        write(router, router.config());
        List<SoakCheck> checks = new ArrayList<>();
        checks.add("config_invalid".equals(reply.errorCode())
                ? SoakCheck.pass(SoakInvariant.RELOAD_ANSWER, step.number())
                : SoakCheck.fail(SoakInvariant.RELOAD_ANSWER, step.number(), router + ": a file that does not parse was "
                        + "not refused as config_invalid: " + reply));
        return fault(step, router, start, heal, "reload: " + reply, Optional.empty(), checks);
    }

    private SoakFault reloadFailingStart(SoakFaultPlan.Step step, SoakRouter router) {
        write(router, router.hakeeperConfig("soak-fail-start"));
        long start = now();
        SoakControl.Reply reply = SoakControl.call(router.socket(), "reload", RELOAD_TIMEOUT);
        long heal = now();
        write(router, router.config());
        SoakControl.Reply status = SoakControl.call(router.socket(), "status", STATUS_TIMEOUT);
        List<SoakCheck> checks = new ArrayList<>();
        checks.add(!reply.ok() && status.ok()
                ? SoakCheck.pass(SoakInvariant.RELOAD_ANSWER, step.number())
                : SoakCheck.fail(SoakInvariant.RELOAD_ANSWER, step.number(), router + ": a replacement that fails at "
                        + "start must be refused with the old configuration running on; reload: " + reply
                        + "; status after it: " + (status.ok() ? "answered" : status)));
        return fault(step, router, start, heal, "reload: " + reply, Optional.empty(), checks);
    }

    private static void write(SoakRouter router, String text) {
        try {
            Files.writeString(router.configFile(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + router.configFile(), e);
        }
    }

    // ---- plugins: a check, a notifier, a VIP backend --------------------------------------------------

    private SoakFault checkFlap(SoakFaultPlan.Step step, SoakRouter router) {
        Path down = router.dir().resolve(SoakRouter.CHECK_DOWN);
        long start = now();
        for (int i = 0; i < step.flips(); i++) {
            // each half lasts 0.3-1 s, drawn from the step's numbers so that the seed fixes them
            Duration half = seconds(0.3, 1.0, (step.duration() * (i + 1) * 7.31) % 1.0);
            touch(down);
            sleep(half);
            delete(down);
            sleep(half);
        }
        // the daemon can only know at the check's next run
        long heal = now() + Math.round(Double.parseDouble(SoakRouter.CHECK_INTERVAL) * 1_000_000);
        return fault(step, router, start, heal, "chk_flap down and up " + step.flips() + " times", Optional.empty(),
                List.of());
    }

    private SoakFault notifierHang(SoakFaultPlan.Step step, SoakRouter router) {
        touch(router.dir().resolve(SoakRouter.NOTIFY_HANG));
        return linkFlap(step, router, seconds(0.5, 1.5, step.duration()), "next notify call hangs; ", Optional.empty());
    }

    private SoakFault vipHang(SoakFaultPlan.Step step) {
        SoakVirtualRouter vr = SoakVirtualRouter.ALL.get(0);
        SoakRouter holder = holderOf(vr);
        SoakRouter router = holder.isHakeeper() ? holder : routers.get(vr.rightfulMaster());
        String vip = vr.vips().get(0).replaceFirst("/.*$", "");
        try {
            Files.writeString(router.dir().resolve(SoakRouter.VIP_HANG), vip + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long timeoutsBefore = vipTimeouts(router);
        SoakFault flap = linkFlap(step, router, seconds(0.5, 1.5, step.duration()), "next VIP call for " + vip
                + " hangs; ", Optional.of(vr.instance()));
        return awaitHungVipCall(flap, router, timeoutsBefore);
    }

    /**
     * The hung call holds its instance's later VIP jobs (the add of the next takeover among them) until the
     * daemon gives up on it, seconds after the link came back: only then is the VIP free to answer again, and
     * the fault healed. Judging from the link's return would charge the next fault with this one's wait.
     */
    private SoakFault awaitHungVipCall(SoakFault flap, SoakRouter router, long timeoutsBefore) {
        Path trigger = router.dir().resolve(SoakRouter.VIP_HANG);
        long consumedBy = System.nanoTime() + VIP_CALL_WAIT.toNanos();
        while (Files.exists(trigger) && System.nanoTime() - consumedBy < 0) {
            sleep(POLL);
        }
        if (Files.exists(trigger)) {
            delete(trigger);
            return healed(flap, flap.healMicros(), "; no VIP call was made, none hung",
                    SoakCheck.pass(SoakInvariant.HEALED, flap.number()));
        }
        long deadline = System.nanoTime() + VIP_HANG_LIMIT.toNanos();
        while (vipTimeouts(router) <= timeoutsBefore) {
            if (System.nanoTime() - deadline > 0) {
                return healed(flap, now(), "", SoakCheck.fail(SoakInvariant.HEALED, flap.number(), router
                        + " did not time the hung VIP call out within " + VIP_HANG_LIMIT.toSeconds()
                        + " s (ha-admin stats: vip_backend.timeouts)"));
            }
            sleep(STATS_POLL);
        }
        long heal = now();
        return healed(flap, heal, "; the hung call timed out " + (heal - flap.healMicros()) / 1000 + " ms after",
                SoakCheck.pass(SoakInvariant.HEALED, flap.number()));
    }

    /** {@code flap} healed at {@code healMicros} instead, its detail extended, judged by {@code check}. */
    private static SoakFault healed(SoakFault flap, long healMicros, String moreDetail, SoakCheck check) {
        return new SoakFault(flap.number(), flap.kind(), flap.target(), flap.startMicros(), healMicros,
                flap.detail() + moreDetail, flap.exemptVirtualRouter(), List.of(check), true);
    }

    /** The daemon's count of VIP backend calls that ran out of time, -1 when it does not answer. */
    private static long vipTimeouts(SoakRouter router) {
        SoakControl.Reply stats = SoakControl.call(router.socket(), "stats", STATUS_TIMEOUT);
        return stats.result().get("vip_backend") instanceof Map<?, ?> vip
                && vip.get("timeouts") instanceof Number timeouts ? timeouts.longValue() : -1;
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** The router holding the virtual router's pinged VIP now; the rightful master when none or several do. */
    SoakRouter holderOf(SoakVirtualRouter vr) {
        return soleHolder(vr).orElse(routers.get(vr.rightfulMaster()));
    }

    /** The one router whose interface has the virtual router's pinged VIP, if exactly one has. */
    Optional<SoakRouter> soleHolder(SoakVirtualRouter vr) {
        List<SoakRouter> holders = holders(vr);
        return holders.size() == 1 ? Optional.of(holders.get(0)) : Optional.empty();
    }

    /** Every router whose interface has the virtual router's pinged VIP now. */
    List<SoakRouter> holders(SoakVirtualRouter vr) {
        List<SoakRouter> holders = new ArrayList<>();
        for (SoakRouter router : routers) {
            CommandResult addresses = lab.exec(router.node(), "ip", "-o", "addr", "show", "dev",
                    router.node().interfaceName());
            if (addresses.stdout().contains(" " + vr.pinged() + "/")) {
                holders.add(router);
            }
        }
        return holders;
    }

    List<SoakRouter> routers() {
        return routers;
    }

    private static SoakFault fault(SoakFaultPlan.Step step, SoakRouter target, long start, long heal, String detail,
            Optional<String> exempt, List<SoakCheck> checks) {
        return new SoakFault(step.number(), step.kind(), target.toString(), start, heal, detail, exempt, checks, true);
    }

    private static Duration seconds(double from, double to, double fraction) {
        return Duration.ofMillis(Math.round((from + (to - from) * fraction) * 1000));
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%d ms", duration.toMillis());
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long now() {
        return FailoverTrial.micros(Instant.now());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialFailedException("interrupted");
        }
    }
}
