package io.hakeeper.engine.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code hakeeper-demo --benchmark}: the demo's failover, {@code runs} times for each of hakeeper and
 * keepalived at VRRPv2 with 1 s adverts and VRRPv3 with 0.1 s adverts (hakeeper at 0.1 s also with the
 * iproute2 VIP backend, the default's alternative), each run in a fresh lab, and the minimum, median and maximum of what the switch
 * and the client saw.
 */
final class Benchmark {

    static final List<TrialSetup> SETUPS = List.of(
            new TrialSetup(Router.HAKEEPER, 2, "1"),
            new TrialSetup(Router.KEEPALIVED, 2, "1"),
            new TrialSetup(Router.HAKEEPER, 3, "0.1"),
            new TrialSetup(Router.HAKEEPER, 3, "0.1", "iproute2"),
            new TrialSetup(Router.KEEPALIVED, 3, "0.1"));

    /** The successor's priority, which sets the skew in its Master_Down_Interval. */
    private static final int SUCCESSOR_PRIORITY = FailoverTrial.PRIORITIES[1];
    private static final Duration STEADY_BEFORE_CRASH = Duration.ofMillis(500);

    private final Path home;
    private final Path workDir;
    private final int runs;
    private final List<TrialSetup> setups;
    private final PrintStream out;

    /** @param only keep the configurations whose label contains this text; empty keeps all */
    Benchmark(Path home, Path workDir, int runs, String only, PrintStream out) {
        this.home = home;
        this.workDir = workDir;
        this.runs = runs;
        this.setups = selected(only);
        this.out = out;
    }

    /** The configurations whose label contains {@code only}, all of them for an empty one. */
    static List<TrialSetup> selected(String only) {
        return SETUPS.stream().filter(setup -> setup.label().contains(only)).toList();
    }

    /** @return the number of runs that failed */
    int run() {
        out.println("hakeeper-demo --benchmark: " + runs + " crashes of the master for each of " + setups.size()
                + " configurations, each in a fresh lab of three routers and a client");
        out.println("  failover = crash -> the new master's first advert on the switch (capture)");
        out.println("  outage   = the longest silence of the VIP at the client, ending after the crash (ping -i 0.01)");
        out.println("  announce = the new master's first advert -> its first gratuitous ARP for the VIP (capture);"
                + " first: its daemon's first takeover");
        out.println("  logs, configurations, captures: " + workDir);
        out.println();
        List<Row> rows = new ArrayList<>();
        int failures = 0;
        for (TrialSetup setup : setups) {
            Row row = new Row(setup, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 1; i <= runs; i++) {
                Path runDir = workDir.resolve(slug(setup)).resolve(String.format(Locale.ROOT, "run-%02d", i));
                try {
                    TrialResult result = new FailoverTrial(setup, home, runDir, STEADY_BEFORE_CRASH,
                            TrialListener.NONE).run();
                    if (result.lastWordsMicros().isPresent()) {
                        // a master heard after its crash said goodbye: not the failover this measures
                        failures++;
                        out.printf(Locale.ROOT, "  %-40s run %2d: DISCARDED: %s was heard on the wire %s after its crash%n",
                                setup.label(), i, result.firstMaster().name(), millis(result.lastWordsMicros()));
                        continue;
                    }
                    result.advertMicros().ifPresent(row.failover()::add);
                    result.outage().ifPresent(o -> row.outage().add(o.firstReplyAfterMicros() - o.lastReplyBeforeMicros()));
                    result.announceMicros().ifPresent(row.announce()::add);
                    if (result.firstTakeover()) {
                        result.announceMicros().ifPresent(row.firstAnnounce()::add);
                    }
                    out.printf(Locale.ROOT, "  %-40s run %2d: %s -> %s, failover %s, outage %s, announce %s%s%n",
                            setup.label(), i, result.firstMaster().name(), result.successor().name(),
                            millis(result.advertMicros()), millis(result.outage().map(o ->
                                    o.firstReplyAfterMicros() - o.lastReplyBeforeMicros())),
                            result.announceMicros().map(m -> String.format(Locale.ROOT, "%.2f ms", m / 1000.0))
                                    .orElse("not seen"), result.firstTakeover() ? " (first)" : "");
                } catch (RuntimeException e) {
                    failures++;
                    out.printf(Locale.ROOT, "  %-40s run %2d: FAILED: %s%n", setup.label(), i, e.getMessage());
                }
                out.flush();
            }
            rows.add(row);
        }
        out.println();
        out.printf(Locale.ROOT, "%-40s %5s %9s   %-22s   %-22s   %-24s%n", "", "", "expected", "failover, ms",
                "VIP outage, ms", "announce, ms");
        out.printf(Locale.ROOT, "%-40s %5s %9s   %6s %7s %7s   %6s %7s %7s   %6s %6s %10s%n", "configuration", "runs",
                "ms", "min", "median", "max", "min", "median", "max", "median", "p90", "p90 first");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-40s %5d %9s   %s   %s   %6s %6s %10s%n", row.setup().label(),
                    row.failover().size(), row.setup().expectedTakeover(SUCCESSOR_PRIORITY),
                    summary(row.failover()), summary(row.outage()), percentile(row.announce(), 50),
                    percentile(row.announce(), 90), percentile(row.firstAnnounce(), 90)
                            + " (" + row.firstAnnounce().size() + ")");
        }
        out.println("expected: the successor's Master_Down_Interval (3 x advert_int + (256 - " + SUCCESSOR_PRIORITY
                + ") / 256 x advert_int)");
        out.println("  minus 0 to 1 advert_int: its timer runs from the master's last advert, sent up to one interval before the crash");
        if (failures > 0) {
            out.println(failures + " runs failed or were discarded; see above and the logs in " + workDir);
        }
        return failures;
    }

    private record Row(TrialSetup setup, List<Long> failover, List<Long> outage, List<Long> announce,
                       List<Long> firstAnnounce) {
    }

    /**
     * The nearest-rank percentile in milliseconds with two decimals: the smallest value with at least
     * {@code percent} % of the values at or below it ("-" for none).
     */
    static String percentile(List<Long> micros, int percent) {
        if (micros.isEmpty()) {
            return "-";
        }
        List<Long> sorted = micros.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return String.format(Locale.ROOT, "%.2f", sorted.get(Math.max(rank, 1) - 1) / 1000.0);
    }

    /** min, median and max in milliseconds with one decimal; the median of an even count is the mean of the middle two. */
    static String summary(List<Long> micros) {
        if (micros.isEmpty()) {
            return String.format(Locale.ROOT, "%6s %7s %7s", "-", "-", "-");
        }
        List<Long> sorted = micros.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return String.format(Locale.ROOT, "%6.1f %7.1f %7.1f", sorted.get(0) / 1000.0, median / 1000.0,
                sorted.get(n - 1) / 1000.0);
    }

    private static String millis(Optional<Long> micros) {
        return micros.map(m -> String.format(Locale.ROOT, "%.1f ms", m / 1000.0)).orElse("not seen");
    }

    private static String slug(TrialSetup setup) {
        return setup.router().displayName() + "-v" + setup.version() + "-" + setup.advertInt().replace('.', '_')
                + (setup.vipBackend().isEmpty() ? "" : "-" + setup.vipBackend());
    }
}
