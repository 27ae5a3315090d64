package io.hakeeper.engine.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;
import io.hakeeper.engine.lab.NamespaceLab;

/**
 * The demo's live narration of a trial: one line per event, stamped with the seconds since the demo
 * started. Besides the trial's own steps it follows the daemons' logs and prints their state transitions
 * ({@code node2: BACKUP -> MASTER (master down timer expired)}), and nothing else of them: the logs
 * themselves stay in the lab's work directory.
 */
final class Timeline implements TrialListener {

    private static final Pattern TRANSITION = Pattern.compile(": (INIT|BACKUP|MASTER|FAULT|STOP) -> "
            + "(INIT|BACKUP|MASTER|FAULT|STOP) \\(([^)]*)\\)");

    private final PrintStream out;
    private final long startNanos;
    private final TrialSetup setup;
    private final Map<LabProcess, Long> logOffsets = new LinkedHashMap<>();

    Timeline(PrintStream out, long startNanos, TrialSetup setup) {
        this.out = out;
        this.startNanos = startNanos;
        this.setup = setup;
    }

    void say(String event) {
        out.printf(Locale.ROOT, "%8.3f s  %s%n", (System.nanoTime() - startNanos) / 1e9, event);
        out.flush();
    }

    @Override
    public void labUp(NamespaceLab lab) {
        List<LabNode> nodes = lab.nodes();
        say("lab up: routers " + names(nodes) + " (" + nodes.get(0).ipv4().getHostAddress() + " to "
                + nodes.get(nodes.size() - 1).ipv4().getHostAddress() + ") and a client ("
                + lab.client().ipv4().getHostAddress() + "), each in its own network namespace, on one bridge");
    }

    @Override
    public void routersStarted(List<LabProcess> routers) {
        StringBuilder who = new StringBuilder();
        for (int i = 0; i < routers.size(); i++) {
            LabProcess router = routers.get(i);
            logOffsets.put(router, 0L);
            who.append(i == 0 ? "" : ", ").append(router.node().name()).append(" (priority ")
                    .append(FailoverTrial.PRIORITIES[i]).append(')');
        }
        say("hakeeperd started on " + who + ": VRRPv" + setup.version() + ", an advert every " + setup.advertInt()
                + " s, VIP " + FailoverTrial.VIP_WITH_PREFIX);
    }

    @Override
    public void waiting() {
        for (Map.Entry<LabProcess, Long> log : logOffsets.entrySet()) {
            log.setValue(printTransitions(log.getKey(), log.getValue()));
        }
    }

    @Override
    public void elected(LabNode master) {
        say(master.name() + " is the master: " + FailoverTrial.VIP + " is on its " + master.interfaceName());
    }

    @Override
    public void clientAnswered(LabNode answeredBy) {
        say("the client pings " + FailoverTrial.VIP + " every 10 ms; " + describe(answeredBy) + " answers");
    }

    @Override
    public void crashing(LabNode master) {
        say(master.name() + " crashes: its link goes down and every process in it is killed (SIGKILL)");
    }

    @Override
    public void tookOver(LabNode successor) {
        waiting();
        say(successor.name() + " holds " + FailoverTrial.VIP + " now");
    }

    @Override
    public void clientAnsweredAgain(LabNode answeredBy, long afterMillis) {
        waiting();
        say("the client's pings are answered again, by " + describe(answeredBy) + ", " + afterMillis
                + " ms after the crash");
    }

    @Override
    public void labDown() {
        say("lab removed: daemons stopped, namespaces deleted");
    }

    /** Prints the transitions logged since {@code offset}; returns the offset after the last complete line. */
    private long printTransitions(LabProcess router, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(router.output().toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return offset;
            }
            byte[] fresh = new byte[(int) (length - offset)];
            file.seek(offset);
            file.readFully(fresh);
            String text = new String(fresh, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return offset;
            }
            for (String line : text.substring(0, end).split("\n")) {
                Matcher m = TRANSITION.matcher(line);
                if (m.find()) {
                    say(router.node().name() + ": " + m.group(1) + " -> " + m.group(2) + " (" + m.group(3) + ")");
                }
            }
            return offset + text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
        } catch (IOException e) {
            return offset; // the log is not there yet
        }
    }

    private static String describe(LabNode node) {
        return node == null ? "an unknown host" : node.name() + " (" + node.mac() + ")";
    }

    private static String names(List<LabNode> nodes) {
        return String.join(", ", nodes.stream().map(LabNode::name).toList());
    }
}
