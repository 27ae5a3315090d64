package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code hakeeper-demo --takeover}: how close to the protocol's bound each implementation takes over, hakeeper
 * and keepalived side by side. Each run is a {@link TakeoverTrial} (a fresh lab, a graceful resignation, then a
 * crash) for each implementation, one right after the other, at VRRPv2 with 1 s adverts and VRRPv3 with
 * 0.1 s adverts; the order of the two implementations alternates from run to run, so that a machine getting
 * busier or quieter weighs on both alike.
 */
final class TakeoverBenchmark {

    static final List<Configuration> CONFIGURATIONS = List.of(new Configuration(2, "1"), new Configuration(3, "0.1"));
    private static final List<Router> ROUTERS = List.of(Router.HAKEEPER, Router.KEEPALIVED);
    /** What issue 14 allows hakeeper beyond keepalived, in microseconds. */
    static final long ALLOWANCE_MICROS = 500;

    record Configuration(int version, String advertInt) {

        String label() {
            return "VRRPv" + version + " advert_int " + advertInt;
        }

        TrialSetup setup(Router router) {
            return new TrialSetup(router, version, advertInt);
        }
    }

    /** Every run of one implementation in one configuration. */
    private record Series(List<TakeoverTimes> runs) {

        List<Long> values(Function<TakeoverTimes, Optional<Long>> figure) {
            return runs.stream().map(figure).flatMap(Optional::stream).toList();
        }
    }

    private final Path home;
    private final Path workDir;
    private final int runs;
    private final List<Configuration> configurations;
    private final PrintStream out;

    /** @param only keep the configurations whose label contains this text; empty keeps both */
    TakeoverBenchmark(Path home, Path workDir, int runs, String only, PrintStream out) {
        this.home = home;
        this.workDir = workDir;
        this.runs = runs;
        this.configurations = selected(only);
        this.out = out;
    }

    static List<Configuration> selected(String only) {
        return CONFIGURATIONS.stream().filter(c -> c.label().contains(only)).toList();
    }

    /** @return the number of runs that failed or lacked a figure */
    int run() {
        out.println("hakeeper-demo --takeover: " + runs + " runs of hakeeper and of keepalived, side by side, in each of "
                + configurations.stream().map(Configuration::label).toList());
        out.println("  each run: a fresh lab of three routers on one bridge (priorities " + TakeoverTrial.RESIGNING_PRIORITY
                + ", " + TakeoverTrial.GRACEFUL_TAKER_PRIORITY + ", " + TakeoverTrial.CRASH_TAKER_PRIORITY
                + ", started so that only the first is ever master before the takeovers);");
        out.println("  the master stops (SIGTERM: a priority-0 advert), the second takes over; the second crashes (link down,");
        out.println("  SIGKILL), the third takes over. Both takeovers are the first of their daemon (cold: JIT, class loading).");
        out.println("  Every figure comes from a capture on the bridge (tcpdump --immediate-mode), never from a daemon's log:");
        out.println("  graceful = the priority-0 advert -> the successor's first advert, minus its Skew_Time");
        out.println("  crash    = the crashed master's last advert -> the successor's first advert, minus its Master_Down_Interval");
        out.println("  spread   = max - min of crash over the runs (the timer's precision, not the crash's phase)");
        out.println("  garp     = the crash successor's first advert -> its first gratuitous ARP for the VIP");
        out.println("  load average at the start: " + loadAverage());
        out.println("  configurations, daemon logs, captures: " + workDir);
        out.println();
        Map<String, Series> series = new LinkedHashMap<>();
        int failures = 0;
        for (int i = 1; i <= runs; i++) {
            for (Configuration configuration : configurations) {
                List<Router> order = i % 2 == 1 ? ROUTERS : List.of(ROUTERS.get(1), ROUTERS.get(0));
                for (Router router : order) {
                    TrialSetup setup = configuration.setup(router);
                    Path runDir = workDir.resolve(slug(setup)).resolve(String.format(Locale.ROOT, "run-%02d", i));
                    Series of = series.computeIfAbsent(setup.label(), label -> new Series(new ArrayList<>()));
                    try {
                        TakeoverTimes times = new TakeoverTrial(setup, home, runDir).run();
                        of.runs().add(times);
                        failures += times.problems().isEmpty() ? 0 : 1;
                        out.printf(Locale.ROOT, "  %-34s run %2d: graceful %s, crash %s, garp %s%s%n", setup.label(), i,
                                takeover(times.graceful(), setup.skewTime(TakeoverTrial.GRACEFUL_TAKER_PRIORITY).toNanos()),
                                takeover(times.crash(), setup.masterDownInterval(TakeoverTrial.CRASH_TAKER_PRIORITY).toNanos()),
                                times.garpAfterCrashAdvert().map(TakeoverBenchmark::millis).orElse("-"),
                                times.problems().isEmpty() ? "" : " (" + String.join("; ", times.problems()) + ")");
                    } catch (RuntimeException e) {
                        failures++;
                        out.printf(Locale.ROOT, "  %-34s run %2d: FAILED: %s%n", setup.label(), i, e.getMessage());
                    }
                    out.flush();
                }
            }
        }
        out.println();
        out.println("load average at the end: " + loadAverage());
        for (Configuration configuration : configurations) {
            summarise(configuration, series);
        }
        if (failures > 0) {
            out.println(failures + " runs failed or lacked a figure; see above and the logs in " + workDir);
        }
        return failures;
    }

    private void summarise(Configuration configuration, Map<String, Series> series) {
        TrialSetup reference = configuration.setup(Router.HAKEEPER);
        long skewMicros = reference.skewTime(TakeoverTrial.GRACEFUL_TAKER_PRIORITY).toNanos() / 1000;
        long mdiMicros = reference.masterDownInterval(TakeoverTrial.CRASH_TAKER_PRIORITY).toNanos() / 1000;
        out.println();
        out.printf(Locale.ROOT, "%s: Skew_Time (priority %d) %.1f ms, Master_Down_Interval (priority %d) %.1f ms%n",
                configuration.label(), TakeoverTrial.GRACEFUL_TAKER_PRIORITY, skewMicros / 1000.0,
                TakeoverTrial.CRASH_TAKER_PRIORITY, mdiMicros / 1000.0);
        out.printf(Locale.ROOT, "  %-30s %4s %8s %8s %8s %8s %8s %5s%n", "ms", "runs", "min", "median", "p90", "max",
                "spread", "cold");
        Map<Router, Series> byRouter = new LinkedHashMap<>();
        for (Router router : ROUTERS) {
            byRouter.put(router, series.getOrDefault(configuration.setup(router).label(), new Series(List.of())));
        }
        List<Figure> figures = List.of(
                new Figure("graceful - Skew_Time", t -> t.graceful().map(g -> g.micros() - skewMicros),
                        t -> t.graceful().map(TakeoverTimes.Takeover::cold)),
                new Figure("crash - Master_Down_Interval", t -> t.crash().map(c -> c.micros() - mdiMicros),
                        t -> t.crash().map(TakeoverTimes.Takeover::cold)),
                new Figure("garp after first advert", TakeoverTimes::garpAfterCrashAdvert, t -> Optional.empty()));
        for (Figure figure : figures) {
            for (Router router : ROUTERS) {
                Series of = byRouter.get(router);
                Percentiles p = Percentiles.of(of.values(figure.value()));
                long cold = of.runs().stream().map(figure.cold()).flatMap(Optional::stream).filter(c -> c).count();
                out.printf(Locale.ROOT, "  %-30s %4d %s %5s%n", figure.name() + ", " + router.displayName(), p.count(),
                        p.format(), figure.name().startsWith("garp") ? "" : Long.toString(cold));
            }
        }
        Percentiles hkGraceful = Percentiles.of(byRouter.get(Router.HAKEEPER).values(figures.get(0).value()));
        Percentiles kaGraceful = Percentiles.of(byRouter.get(Router.KEEPALIVED).values(figures.get(0).value()));
        Percentiles hkCrash = Percentiles.of(byRouter.get(Router.HAKEEPER).values(figures.get(1).value()));
        Percentiles kaCrash = Percentiles.of(byRouter.get(Router.KEEPALIVED).values(figures.get(1).value()));
        if (hkCrash.count() == 0 || kaCrash.count() == 0 || hkGraceful.count() == 0 || kaGraceful.count() == 0) {
            out.println("  hakeeper - keepalived: not enough runs to compare");
            return;
        }
        out.printf(Locale.ROOT, "  hakeeper - keepalived (target <= +%.1f ms): crash median %s, crash p90 %s, "
                        + "crash spread %s, graceful median %s, graceful p90 %s%n", ALLOWANCE_MICROS / 1000.0,
                verdict(hkCrash.median() - kaCrash.median()), verdict(hkCrash.p90() - kaCrash.p90()),
                verdict(hkCrash.spread() - kaCrash.spread()), verdict(hkGraceful.median() - kaGraceful.median()),
                verdict(hkGraceful.p90() - kaGraceful.p90()));
    }

    private record Figure(String name, Function<TakeoverTimes, Optional<Long>> value,
                          Function<TakeoverTimes, Optional<Boolean>> cold) {
    }

    private static String verdict(long differenceMicros) {
        return String.format(Locale.ROOT, "%+.2f (%s)", differenceMicros / 1000.0,
                differenceMicros <= ALLOWANCE_MICROS ? "met" : "MISSED");
    }

    private static String takeover(Optional<TakeoverTimes.Takeover> takeover, long boundNanos) {
        return takeover.map(t -> String.format(Locale.ROOT, "%.2f ms (bound %+.2f%s)", t.micros() / 1000.0,
                (t.micros() - boundNanos / 1000) / 1000.0, t.cold() ? ", cold" : ", WARM")).orElse("-");
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String slug(TrialSetup setup) {
        return setup.router().displayName() + "-v" + setup.version() + "-" + setup.advertInt().replace('.', '_');
    }
}
