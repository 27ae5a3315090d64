package io.hakeeper.engine.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's judgements from hakeeperd's own output: every transition logged with a cause, and the
 * notifier told of each instance's transitions in the order they were logged. The notify script of the
 * soak appends one line per call, {@code EPOCH PPID INSTANCE NAME STATE PRIORITY}; the parent pid is the
 * daemon's, so each run of a daemon is held to its own log. What a run notified must be what it logged,
 * in the same order, some perhaps left out (see {@link #inOrder}); a transition into INIT is never notified.
 */
final class SoakLogs {

    /** {@code VI_A (VRID 51, IPv4): BACKUP -> MASTER (master down timer expired), effective priority 150}. */
    private static final Pattern TRANSITION = Pattern.compile(
            "(\\S+) \\(VRID \\d+, IPv[46]\\): (INIT|BACKUP|MASTER|FAULT|STOP) -> (INIT|BACKUP|MASTER|FAULT|STOP)"
                    + " \\((.*)\\), effective priority -?\\d+");
    private static final Pattern NOTIFIED = Pattern.compile("^\\S+ (\\d+) INSTANCE (\\S+) (\\S+) \\S+$");

    private SoakLogs() {
    }

    static List<SoakCheck> judge(List<SoakRouter> routers) {
        List<SoakCheck> checks = new ArrayList<>();
        for (SoakRouter router : routers) {
            if (!router.isHakeeper()) {
                continue;
            }
            Map<Long, Map<String, List<String>>> notifiedByPid = notified(router.dir().resolve(SoakRouter.NOTIFY_LOG));
            for (SoakRouter.Run run : router.runs()) {
                String log = read(run.process.output());
                Map<String, List<String>> logged = new LinkedHashMap<>();
                int transitions = 0;
                List<String> causeless = new ArrayList<>();
                for (String line : log.split("\n")) {
                    Matcher m = TRANSITION.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    transitions++;
                    String cause = m.group(4).strip();
                    if (cause.isEmpty() || cause.equals("null") || cause.equals("unknown")) {
                        causeless.add(line.strip());
                    }
                    if (!m.group(3).equals("INIT")) {
                        logged.computeIfAbsent(m.group(1), i -> new ArrayList<>()).add(m.group(3));
                    }
                }
                String who = router + " run " + run.pid() + " (" + run.process.output().getFileName() + ")";
                for (int i = causeless.size(); i < transitions; i++) {
                    checks.add(SoakCheck.pass(SoakInvariant.TRANSITION_CAUSE, 0));
                }
                for (String line : causeless) {
                    checks.add(SoakCheck.fail(SoakInvariant.TRANSITION_CAUSE, 0, who + ": no cause: " + line));
                }
                Map<String, List<String>> notified = notifiedByPid.getOrDefault(run.pid(), Map.of());
                for (String instance : union(logged, notified)) {
                    List<String> told = notified.getOrDefault(instance, List.of());
                    List<String> happened = logged.getOrDefault(instance, List.of());
                    if (inOrder(told, happened)) {
                        checks.add(SoakCheck.pass(SoakInvariant.NOTIFY_ORDER, 0));
                    } else {
                        checks.add(SoakCheck.fail(SoakInvariant.NOTIFY_ORDER, 0, who + ": " + instance + " notified "
                                + told + " but logged " + happened));
                    }
                }
            }
        }
        return checks;
    }

    /**
     * Whether {@code told} is {@code happened} with some left out and nothing reordered or added. Left out
     * is allowed: a run killed, or a restart reload whose old daemon waits only 10 s for a notifier that
     * hangs for 30, ends with notifications never delivered.
     */
    static boolean inOrder(List<String> told, List<String> happened) {
        int next = 0;
        for (String state : told) {
            while (next < happened.size() && !happened.get(next).equals(state)) {
                next++;
            }
            if (next == happened.size()) {
                return false;
            }
            next++;
        }
        return true;
    }

    private static List<String> union(Map<String, List<String>> a, Map<String, List<String>> b) {
        List<String> names = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    private static Map<Long, Map<String, List<String>>> notified(Path file) {
        Map<Long, Map<String, List<String>>> byPid = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            Matcher m = NOTIFIED.matcher(line.strip());
            if (m.find()) {
                byPid.computeIfAbsent(Long.parseLong(m.group(1)), p -> new LinkedHashMap<>())
                        .computeIfAbsent(m.group(2), i -> new ArrayList<>()).add(m.group(3));
            }
        }
        return byPid;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // nothing notified or logged yet
        }
    }
}
