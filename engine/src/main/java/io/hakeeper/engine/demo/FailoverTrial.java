package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * One failover, start to finish, in a lab of its own: three routers (priorities 150, 120, 100) elect a
 * master for {@value #VIP}, the client pings it every 10 ms, the master crashes, another takes over. The
 * one procedure behind both the demo and the benchmark.
 *
 * <p><b>The crash.</b> The master's link goes down and every process in its namespace is killed with
 * SIGKILL, in that order, as a machine that loses power looks to its peers. SIGKILL alone would not do:
 * the dead daemon's VIP stays configured in its namespace, whose kernel would go on answering the client
 * until the successor's gratuitous ARP moves it, hiding the outage the demo is about; and the link going
 * down first guarantees that nothing the dying router might still send (keepalived's VRRP child, for one,
 * outlives its parent briefly) reaches the wire. The crash's timestamp is taken just before the link goes
 * down; everything is measured from it. The crash is prepared in advance ({@link PreparedCrash}) so that
 * it takes microseconds, not the tens of milliseconds of starting a process on a busy machine.
 *
 * <p><b>The two witnesses.</b> A capture on the switch, in immediate mode, gives the time at which the
 * successor's first advert crossed the segment (and its first gratuitous ARP). The client's
 * {@code ping -D -i 0.01} gives the receive time of every reply; the outage is the gap between the last
 * reply before the silence and the first one after it, so it is exact to one ping interval (the trial
 * reports that interval). Both clocks are the host's wall clock, which the namespaces share with this JVM.
 */
final class FailoverTrial {

    static final String VIP = "192.0.2.50";
    static final String VIP_WITH_PREFIX = VIP + "/" + NamespaceLab.IPV4_PREFIX_LENGTH;
    static final int VRID = 51;
    static final int[] PRIORITIES = {150, 120, 100};

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(15);
    /** How long the client keeps pinging after the VIP answers again, so the capture holds the aftermath. */
    private static final Duration AFTERMATH = Duration.ofMillis(300);

    private final TrialSetup setup;
    private final Path home;
    private final Path workDir;
    private final Duration steadyBeforeCrash;
    private final TrialListener listener;

    /**
     * @param home              hakeeper's tree, whose {@code bin/hakeeperd} runs on the nodes
     * @param workDir           configurations, daemon logs, the capture and the ping log go here, and stay
     * @param steadyBeforeCrash how long the client pings the elected master before it crashes
     */
    FailoverTrial(TrialSetup setup, Path home, Path workDir, Duration steadyBeforeCrash, TrialListener listener) {
        this.setup = setup;
        this.home = home;
        this.workDir = workDir;
        this.steadyBeforeCrash = steadyBeforeCrash;
        this.listener = listener;
    }

    TrialResult run() {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        TrialResult result;
        try (NamespaceLab lab = NamespaceLab.create(PRIORITIES.length, workDir)) {
            listener.labUp(lab);
            List<LabProcess> routers = startRouters(lab);
            listener.routersStarted(routers);
            // on a busy machine one JVM may take seconds longer than the others: an election without it
            // would crown a master that the late router then preempts, or crash a master it never saw
            await(() -> lab.nodes().stream().allMatch(node -> listeningForVrrp(lab, node))
                    ? Optional.of(true) : Optional.empty(), STARTUP_TIMEOUT, "not every router opened its VRRP socket");

            // the highest priority wins, but a lower one whose daemon was up first may hold the VIP a moment
            // before the winner's first advert preempts it: wait for the outcome, not the first holder
            LabNode master = await(() -> soleHolder(lab, lab.nodes()).filter(lab.node(1)::equals), ELECTION_TIMEOUT,
                    lab.node(1).name() + ", priority " + PRIORITIES[0] + ", was never the only router with " + VIP);
            listener.elected(master);

            Capture capture = lab.captureSwitch("ip proto 112 or arp");
            LabProcess ping = lab.start(lab.client(), "ping", "-D", "-n", "-i", "0.01", VIP);
            await(() -> PingLog.replies(read(ping.output())).isEmpty() ? Optional.empty() : Optional.of(true),
                    TAKEOVER_TIMEOUT, "the client's pings to " + VIP + " were never answered");
            listener.clientAnswered(answeringNode(lab));
            sleep(steadyBeforeCrash);

            long crashMicros;
            try (PreparedCrash crash = PreparedCrash.prepare(master, workDir.resolve("crash-ip.out"))) {
                listener.crashing(master);
                crashMicros = micros(crash.pull());
            }

            List<LabNode> survivors = new ArrayList<>(lab.nodes());
            survivors.remove(master);
            LabNode firstHolder = await(() -> soleHolder(lab, survivors), TAKEOVER_TIMEOUT,
                    "no surviving router took the VIP after " + master.name() + " crashed");
            long heldMicros = micros(Instant.now());
            listener.tookOver(firstHolder);
            // a reply received after a survivor was seen with the VIP means the silence is over
            await(() -> PingLog.firstAfter(PingLog.replies(read(ping.output())), heldMicros), TAKEOVER_TIMEOUT,
                    "the VIP did not answer the client again after the takeover");
            PingLog.Outage silence = PingLog.outageAfter(PingLog.replies(read(ping.output())), crashMicros).orElseThrow();
            listener.clientAnsweredAgain(answeringNode(lab), (silence.firstReplyAfterMicros() - crashMicros) / 1000);
            // when both backups' timers run out within a few ms, both take the VIP and the lower priority
            // gives it up at the other's first advert: the successor is the one left holding it, and answering
            LabNode successor = await(() -> soleHolder(lab, survivors).filter(holder -> holder.equals(answeringNode(lab))),
                    TAKEOVER_TIMEOUT, "no surviving router alone held the VIP and answered the client");
            if (!successor.equals(firstHolder)) {
                listener.tookOver(successor);
            }
            sleep(AFTERMATH);

            stopPing(ping);
            // the survivors would keep the capture file growing, and a capture stops once its file is quiet
            routers.forEach(router -> router.process().destroyForcibly());
            Path pcap = capture.stop();
            LabProcess successorRouter = routers.get(lab.nodes().indexOf(successor));
            result = measure(master, successor, crashMicros, read(ping.output()), pcap,
                    read(successorRouter.output()));
        }
        listener.labDown();
        return result;
    }

    private List<LabProcess> startRouters(NamespaceLab lab) {
        List<LabProcess> routers = new ArrayList<>();
        for (int i = 0; i < PRIORITIES.length; i++) {
            routers.add(TrialSteps.startRouter(lab, setup, home, workDir, lab.node(i + 1), PRIORITIES[i]));
        }
        return routers;
    }

    private TrialResult measure(LabNode master, LabNode successor, long crashMicros, String pingText, Path pcap,
                                String successorLog) {
        String wire = HostCommands.run(List.of("tcpdump", "-r", pcap.toString(), "-n", "-tt")).orThrow().stdout();
        // the successor's own ARPs, by its MAC: the other backup may have claimed the VIP for a moment too
        String successorArps = HostCommands.run(List.of("tcpdump", "-r", pcap.toString(), "-n", "-tt",
                "arp and ether src " + successor.mac())).orThrow().stdout();
        Optional<WireLog.Advert> successorAdvert = WireLog.firstAdvertFrom(WireLog.adverts(wire),
                successor.ipv4().getHostAddress(), crashMicros);
        Optional<Long> announce = successorAdvert.flatMap(a -> WireLog.firstGarpFor(WireLog.garps(successorArps), VIP,
                a.epochMicros()).map(g -> g.epochMicros() - a.epochMicros()));
        boolean firstTakeover = successorLog.lines().filter(line -> line.contains(setup.router().becameMasterLine()))
                .count() == 1;
        // the first survivor to announce itself, whichever it was: on a busy machine the lower backup's timer
        // may fire first, and the failover is over when anyone holds the role, not when the right one does
        Optional<Long> advert = WireLog.firstAdvertAfter(WireLog.adverts(wire), master.ipv4().getHostAddress(),
                crashMicros).map(a -> a.epochMicros() - crashMicros);
        Optional<Long> garp = WireLog.firstGarpFor(WireLog.garps(wire), VIP, crashMicros)
                .map(g -> g.epochMicros() - crashMicros);
        Optional<Long> lastWords = WireLog.adverts(wire).stream()
                .filter(a -> a.epochMicros() > crashMicros && a.source().equals(master.ipv4().getHostAddress()))
                .map(a -> a.epochMicros() - crashMicros).findFirst();
        List<PingLog.Reply> replies = PingLog.replies(pingText);
        return new TrialResult(master, successor, advert, garp, PingLog.outageAfter(replies, crashMicros),
                lastWords, medianSpacing(replies, crashMicros), announce, firstTakeover);
    }

    private static long medianSpacing(List<PingLog.Reply> replies, long beforeMicros) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < replies.size() && replies.get(i).epochMicros() <= beforeMicros; i++) {
            gaps.add(replies.get(i).epochMicros() - replies.get(i - 1).epochMicros());
        }
        return gaps.isEmpty() ? 0 : gaps.stream().sorted().toList().get(gaps.size() / 2);
    }

    /** The one node among {@code candidates} that has the VIP on its interface, if exactly one has. */
    private Optional<LabNode> soleHolder(NamespaceLab lab, List<LabNode> candidates) {
        listener.waiting();
        return TrialSteps.soleHolder(candidates, VIP_WITH_PREFIX);
    }

    private static boolean listeningForVrrp(NamespaceLab lab, LabNode node) {
        return TrialSteps.listeningForVrrp(lab, node);
    }

    /** The node whose MAC the client's neighbour entry for the VIP holds: the one its pings reach. */
    private static LabNode answeringNode(NamespaceLab lab) {
        String entry = lab.exec(lab.client(), "ip", "neigh", "show", VIP).stdout();
        for (LabNode node : lab.nodes()) {
            if (entry.contains(node.mac())) {
                return node;
            }
        }
        return null;
    }

    /** SIGINT, on which ping prints its statistics and exits; SIGTERM would lose nothing but is less polite. */
    static void stopPing(LabProcess ping) {
        HostCommands.run(List.of("kill", "-INT", Long.toString(ping.process().pid())));
        try {
            ping.process().waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T await(Supplier<Optional<T>> probe, Duration timeout, String failure) {
        return TrialSteps.await(probe, timeout, failure + " (logs in " + workDir + ")", listener::waiting);
    }

    private static String read(Path file) {
        return TrialSteps.read(file);
    }

    private static void sleep(Duration duration) {
        TrialSteps.sleep(duration);
    }

    static long micros(Instant instant) {
        return TrialSteps.micros(instant);
    }
}
