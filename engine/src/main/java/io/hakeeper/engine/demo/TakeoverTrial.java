package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.HostCommands;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;
import io.hakeeper.engine.lab.NamespaceLab;
import io.hakeeper.engine.lab.PreparedCrash;

/**
 * Two takeovers in a fresh lab, each the first takeover of the daemon that makes it: the master resigns
 * (SIGTERM, its priority-0 advert), the second router takes over after its Skew_Time; that one then
 * crashes, and the third takes over after its Master_Down_Interval. The switch is captured from before the
 * first router starts, so the capture proves that neither successor had been master before.
 *
 * <p>The routers start one after the other: {@code node1} (priority {@value #RESIGNING_PRIORITY}) alone
 * until it holds the VIP, then {@code node2} ({@value #GRACEFUL_TAKER_PRIORITY}) and {@code node3}
 * ({@value #CRASH_TAKER_PRIORITY}), which hear a master from their start and never hold the role before
 * their takeover. The crash is {@link PreparedCrash}'s: the link down, then SIGKILL.
 */
final class TakeoverTrial {

    static final int RESIGNING_PRIORITY = 150;
    static final int GRACEFUL_TAKER_PRIORITY = 100;
    static final int CRASH_TAKER_PRIORITY = 50;

    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long the backups run before the first takeover. */
    private static final Duration STARTED = Duration.ofSeconds(3);
    /** How long after a takeover's bound the lab is left alone before it is asked who holds the VIP. */
    private static final Duration QUIET_MARGIN = Duration.ofMillis(30);

    private final TrialSetup setup;
    private final Path home;
    private final Path workDir;

    /**
     * @param home    hakeeper's tree, whose {@code bin/hakeeperd} runs on the nodes
     * @param workDir configurations, daemon logs and the capture go here, and stay
     */
    TakeoverTrial(TrialSetup setup, Path home, Path workDir) {
        this.setup = setup;
        this.home = home;
        this.workDir = workDir;
    }

    TakeoverTimes run() {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        try (NamespaceLab lab = NamespaceLab.create(3, workDir)) {
            LabNode resigning = lab.node(1);
            LabNode crashing = lab.node(2);
            LabNode last = lab.node(3);
            Capture capture = lab.captureSwitch("ip proto 112 or arp");

            LabProcess first = TrialSteps.startRouter(lab, setup, home, workDir, resigning, RESIGNING_PRIORITY);
            await(() -> TrialSteps.soleHolder(lab.nodes(), FailoverTrial.VIP_WITH_PREFIX).filter(resigning::equals),
                    ELECTION_TIMEOUT, resigning.name() + " never held " + FailoverTrial.VIP);
            LabProcess second = TrialSteps.startRouter(lab, setup, home, workDir, crashing, GRACEFUL_TAKER_PRIORITY);
            LabProcess third = TrialSteps.startRouter(lab, setup, home, workDir, last, CRASH_TAKER_PRIORITY);
            await(() -> TrialSteps.listeningForVrrp(lab, crashing) && TrialSteps.listeningForVrrp(lab, last)
                    ? Optional.of(true) : Optional.empty(), ELECTION_TIMEOUT, "the backups never opened their VRRP sockets");
            // a daemon's start-up (class loading, the JIT's first compilations, collecting start-up garbage) is
            // long over at any real takeover; its takeover path is still cold (never run) after this
            TrialSteps.sleep(STARTED.compareTo(settle()) > 0 ? STARTED : settle());

            first.process().destroy();
            quietUntil(setup.skewTime(GRACEFUL_TAKER_PRIORITY));
            await(() -> TrialSteps.soleHolder(lab.nodes(), FailoverTrial.VIP_WITH_PREFIX).filter(crashing::equals),
                    TAKEOVER_TIMEOUT, crashing.name() + " did not take over alone when " + resigning.name() + " resigned");
            awaitExit(first);
            TrialSteps.sleep(settle());

            long crashMicros;
            try (PreparedCrash crash = PreparedCrash.prepare(crashing, workDir.resolve("crash-ip.out"))) {
                crashMicros = TrialSteps.micros(crash.pull());
            }
            quietUntil(setup.masterDownInterval(CRASH_TAKER_PRIORITY));
            await(() -> TrialSteps.soleHolder(List.of(last), FailoverTrial.VIP_WITH_PREFIX), TAKEOVER_TIMEOUT,
                    last.name() + " did not take over when " + crashing.name() + " crashed");
            // the first gratuitous ARPs follow the takeover within milliseconds; keep them in the capture
            TrialSteps.sleep(setup.advertInterval().multipliedBy(2).plusMillis(200));

            // the survivor would keep the capture file growing, and a capture stops once its file is quiet
            List.of(first, second, third).forEach(router -> router.process().destroyForcibly());
            Path pcap = capture.stop();
            String wire = HostCommands.run(List.of("tcpdump", "-r", pcap.toString(), "-n", "-tt")).orThrow().stdout();
            return TakeoverTimes.measure(wire, resigning.ipv4().getHostAddress(), crashing.ipv4().getHostAddress(),
                    crashMicros, FailoverTrial.VIP);
        }
    }

    /**
     * Waits out a takeover's bound before asking who holds the VIP. Each question starts a process
     * ({@code ip}), 1.5-3 ms of a CPU, and they came every 10 ms: asked through the takeover, they took a CPU
     * the successor needed in about one takeover in five on a machine of two (its first gratuitous ARP
     * 1.8-2.2 ms after its advert instead of 0.6-1.3, the odd takeover 1.5-2 ms late). The figures come from
     * the capture either way; a takeover before its bound would show there.
     */
    private static void quietUntil(Duration bound) {
        TrialSteps.sleep(bound.plus(QUIET_MARGIN));
    }

    /** Long enough for the backups to hear the master twice: each is then a backup that knows its master. */
    private Duration settle() {
        return setup.advertInterval().multipliedBy(2).plusMillis(500);
    }

    private void awaitExit(LabProcess router) {
        try {
            if (!router.process().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TrialFailedException(router.node().name() + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM (logs in " + workDir + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialFailedException("interrupted");
        }
    }

    private <T> T await(Supplier<Optional<T>> probe, Duration timeout, String failure) {
        return TrialSteps.await(probe, timeout, failure + " (logs in " + workDir + ")", () -> { });
    }
}
