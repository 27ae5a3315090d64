package io.hakeeper.engine.demo;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.security.auth.module.UnixSystem;

import io.hakeeper.engine.Installation;
import io.hakeeper.engine.Version;

/**
 * hakeeper-demo's entry point. Exit codes: 0 the failover was shown (or every benchmark run completed),
 * 1 it could not be (the reason is printed), 2 a command line it cannot understand, or a machine that
 * cannot run the lab (not root, a tool missing).
 */
public final class DemoMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: hakeeper-demo [--benchmark [--runs N] [--only TEXT]]
                   hakeeper-demo --takeover [--runs N] [--only TEXT]
                   hakeeper-demo --soak MINUTES [--seed N]
                   hakeeper-demo --version | --help

            Builds a throw-away lab of network namespaces (three routers and a client on one bridge; nothing
            touches the host's own interfaces), runs hakeeperd on each router with one virtual IP, and
            narrates: who is elected, the master crashing, who takes over, and how many milliseconds the
            virtual IP went unanswered at the client. Then it removes the lab, also on Ctrl-C.

              --benchmark   repeat the failover for hakeeper and for keepalived, VRRPv2 with 1 s adverts
                            and VRRPv3 with 0.1 s adverts (hakeeper also with vip_backend = "iproute2"),
                            and print min/median/max (needs keepalived)
              --takeover    how close to Skew_Time and Master_Down_Interval hakeeper and keepalived take
                            over, side by side, VRRPv2 at 1 s and VRRPv3 at 0.1 s: per run a graceful
                            resignation and a crash, each the first takeover of its daemon, timed from
                            a capture on the bridge; prints median, p90 and spread (needs keepalived)
              --runs N      runs per configuration (default 10 for --benchmark, 20 for --takeover)
              --only TEXT   only the configurations whose name contains TEXT (--benchmark:
                            "advert_int 0.1", "iproute2", "keepalived"; --takeover: "VRRPv2", "VRRPv3")
              --soak MIN    a chaos soak of MIN minutes: three hakeeperd and one keepalived run three
                            virtual routers (VRRPv3 at 0.1 s, VRRPv2 with PASS, IPv6) while faults drawn
                            from a seed hit them (link flaps, partitions, kill -9, SIGSTOP, reloads, a
                            flapping check, a hanging notifier and VIP call, a deleted interface, a
                            removed address); then the capture, the pings and the logs are held to the
                            invariants in docs/benchmarks.md. Exit 0 only with no violation (needs
                            keepalived)
              --seed N      the soak's seed (default: a random one, printed); the same seed replays the
                            same faults

            Needs root (network namespaces, raw sockets, captures) and ip (iproute2), tcpdump and ping
            (iputils-ping). Daemon logs, configurations and captures are kept in a directory under /tmp,
            named at the start.
            """;

    private static final Duration STEADY_BEFORE_CRASH = Duration.ofSeconds(1);

    private DemoMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean benchmark = false;
        boolean takeover = false;
        int soakMinutes = 0;
        Long seed = null;
        Integer runs = null;
        String only = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(USAGE_TEXT);
                    return OK;
                }
                case "-v", "--version" -> {
                    out.println("hakeeper-demo " + Version.current());
                    return OK;
                }
                case "--benchmark" -> benchmark = true;
                case "--takeover" -> takeover = true;
                case "--runs" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("[1-9][0-9]{0,3}")) {
                        err.println("hakeeper-demo: --runs needs a whole number from 1 to 9999");
                        return USAGE;
                    }
                    runs = Integer.parseInt(args.get(++i));
                }
                case "--soak" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("[1-9][0-9]{0,3}")) {
                        err.println("hakeeper-demo: --soak needs a whole number of minutes from 1 to 9999");
                        return USAGE;
                    }
                    soakMinutes = Integer.parseInt(args.get(++i));
                }
                case "--seed" -> {
                    if (i + 1 >= args.size() || !isLong(args.get(i + 1))) {
                        err.println("hakeeper-demo: --seed needs a whole number");
                        return USAGE;
                    }
                    seed = Long.parseLong(args.get(++i));
                }
                case "--only" -> {
                    if (i + 1 >= args.size() || (Benchmark.selected(args.get(i + 1)).isEmpty()
                            && TakeoverBenchmark.selected(args.get(i + 1)).isEmpty())) {
                        err.println("hakeeper-demo: --only needs text that names a configuration, such as "
                                + "\"advert_int 0.1\", \"iproute2\" or \"VRRPv3\"");
                        return USAGE;
                    }
                    only = args.get(++i);
                }
                default -> {
                    err.println("hakeeper-demo: unknown argument '" + arg + "' (see hakeeper-demo --help)");
                    return USAGE;
                }
            }
        }
        if (seed != null && soakMinutes == 0) {
            err.println("hakeeper-demo: --seed goes with --soak");
            return USAGE;
        }
        boolean soak = soakMinutes > 0;
        if ((soak ? 1 : 0) + (benchmark ? 1 : 0) + (takeover ? 1 : 0) > 1) {
            err.println("hakeeper-demo: --soak, --benchmark and --takeover are different runs; choose one");
            return USAGE;
        }
        if (takeover && TakeoverBenchmark.selected(only).isEmpty()) {
            err.println("hakeeper-demo: --only for --takeover names \"VRRPv2\" or \"VRRPv3\"");
            return USAGE;
        }
        List<String> missing = missingRequirements(benchmark || soak || takeover);
        if (!missing.isEmpty()) {
            missing.forEach(problem -> err.println("hakeeper-demo: " + problem));
            return USAGE;
        }
        Path home = Installation.home();
        if (!Files.isExecutable(home.resolve("bin/hakeeperd"))) {
            err.println("hakeeper-demo: no bin/hakeeperd in " + home + ": run the demo from the built tree's bin/");
            return FAILED;
        }
        Path workDir;
        try {
            String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
            workDir = Files.createTempDirectory((benchmark ? "hakeeper-benchmark-" : soak ? "hakeeper-soak-"
                    : takeover ? "hakeeper-takeover-" : "hakeeper-demo-") + stamp + "-");
        } catch (IOException e) {
            err.println("hakeeper-demo: cannot create a work directory: " + e.getMessage());
            return FAILED;
        }
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                err.println("\nhakeeper-demo: interrupted; removing the lab (logs stay in " + workDir + ")");
            }
        }, "demo-interrupted"));
        try {
            if (benchmark) {
                return new Benchmark(home, workDir, runs == null ? 10 : runs, only, out).run() == 0 ? OK : FAILED;
            }
            if (takeover) {
                return new TakeoverBenchmark(home, workDir, runs == null ? 20 : runs, only, out).run() == 0 ? OK : FAILED;
            }
            if (soak) {
                long chosen = seed != null ? seed : new java.security.SecureRandom().nextLong();
                try {
                    return new Soak(home, workDir, Duration.ofMinutes(soakMinutes), chosen, out).run() == 0 ? OK : FAILED;
                } catch (RuntimeException e) {
                    err.println("hakeeper-demo: the soak could not run (seed " + chosen + "): " + e.getMessage());
                    return FAILED;
                }
            }
            return demo(home, workDir, out, err);
        } finally {
            finished.set(true);
        }
    }

    private static int demo(Path home, Path workDir, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        TrialSetup setup = TrialSetup.DEMO;
        out.println("hakeeper-demo: three VRRP routers share one virtual IP; the master crashes; who takes over, how fast?");
        out.println("  daemon logs, configurations and the capture go to " + workDir);
        out.println();
        Timeline timeline = new Timeline(out, start, setup);
        TrialResult result;
        try {
            result = new FailoverTrial(setup, home, workDir, STEADY_BEFORE_CRASH, timeline).run();
        } catch (RuntimeException e) {
            err.println("hakeeper-demo: the demo failed: " + e.getMessage());
            return FAILED;
        }
        int successorPriority = FailoverTrial.PRIORITIES[result.successor().name().equals("node2") ? 1 : 2];
        Duration expected = setup.masterDownInterval(successorPriority);
        out.println();
        out.println("What happened:");
        out.printf(Locale.ROOT, "  elected master: %s (priority %d, the highest)%n", result.firstMaster().name(),
                FailoverTrial.PRIORITIES[0]);
        out.printf(Locale.ROOT, "  took over:      %s (priority %d); the first advert of a survivor %s after %s crashed%n",
                result.successor().name(), successorPriority, millis(result.advertMicros().orElse(-1L)),
                result.firstMaster().name());
        out.printf(Locale.ROOT, "                  (VRRP: %s ms. A backup takes over when it has heard no advert for%n"
                + "                  Master_Down_Interval = 3 x %s s + (256 - %d) / 256 x %s s = %d ms, counted from the%n"
                + "                  last advert, which left up to one interval before the crash)%n",
                setup.expectedTakeover(successorPriority), setup.advertInt(), successorPriority, setup.advertInt(),
                expected.toMillis());
        result.garpMicros().ifPresent(garp -> out.printf(Locale.ROOT,
                "  gratuitous ARP: %s after the crash, telling the segment that %s is at %s now%n", millis(garp),
                FailoverTrial.VIP, result.successor().mac()));
        result.outage().ifPresentOrElse(outage -> out.printf(Locale.ROOT,
                "  VIP outage:     %d ms without an answer at the client (%d pings unanswered; replies came every %.1f ms)%n",
                outage.millis(), outage.unanswered(), result.pingIntervalMicros() / 1000.0),
                () -> out.println("  VIP outage:     not measured (no client replies around the crash)"));
        result.lastWordsMicros().ifPresent(late -> out.printf(Locale.ROOT,
                "  note:           %s was still heard on the wire %s after its crash: the figures above are suspect%n",
                result.firstMaster().name(), millis(late)));
        out.println();
        out.println("Logs: " + daemonLogs(workDir));
        out.println("Try it at scale: hakeeper-demo --benchmark (docs/benchmarks.md)");
        return OK;
    }

    private static String daemonLogs(Path workDir) {
        try (var files = Files.list(workDir)) {
            List<String> logs = files.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.startsWith("node") && name.endsWith(".out")).sorted().toList();
            return workDir + File.separator + "{" + String.join(",", logs) + "} (hakeeperd on node1..3), "
                    + "capture switch-*.pcap, ping client-*.out";
        } catch (IOException e) {
            return workDir.toString();
        }
    }

    private static String millis(long micros) {
        return micros < 0 ? "(not seen)" : String.format(Locale.ROOT, "%d ms", Math.round(micros / 1000.0));
    }

    /** What keeps this machine from running the lab, in words a newcomer can act on. */
    static List<String> missingRequirements(boolean withKeepalived) {
        List<String> missing = new ArrayList<>();
        if (new UnixSystem().getUid() != 0) {
            missing.add("needs root: it builds network namespaces, opens raw sockets and captures packets."
                    + " Run it with sudo.");
        }
        List<String> tools = new ArrayList<>(List.of("ip:iproute2", "tcpdump:tcpdump", "ping:iputils-ping"));
        if (withKeepalived) {
            tools.add("keepalived:keepalived");
        }
        for (String tool : tools) {
            String[] programAndPackage = tool.split(":");
            if (!onPath(programAndPackage[0])) {
                missing.add("needs '" + programAndPackage[0] + "', which is not on the PATH (Debian: apt-get install "
                        + programAndPackage[1] + ")");
            }
        }
        return missing;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Any long, the whole range: SoakIT and a replay pass seeds drawn by nextLong(). */
    private static boolean isLong(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
