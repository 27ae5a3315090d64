package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;

/**
 * The checks and notify plugins at work between two hakeeperd in namespaces (VRRPv3, IPv4, advert_int 0.1):
 * a failing vrrp_script moves mastership and back, notify scripts and vrrp_notify_fifo see keepalived's
 * arguments and lines in transition order, a hanging check and a failing notifier leave the adverts on time,
 * and smtp_alert reaches a real SMTP server (aiosmtpd) on the node's loopback.
 */
class PluginsInNamespacesIT {

    private static final String VIP = ElectionIT.VIP;
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final double INTERVAL = 0.1;
    private static final int HIGH = 150;
    private static final int LOW = 120;
    private static final int WEIGHT = -60;
    /** The system's python, which Debian's python3-aiosmtpd is installed for (not a pyenv one on the PATH). */
    private static final String PYTHON = "/usr/bin/python3";

    /**
     * Segment.start writes {@code [global_defs]} just before what it is given: keys at the very start of
     * {@code config} still belong to global_defs, the tables after them are our own.
     */
    private static String config(String globalKeys, String tables, int priority, String instanceExtra) {
        return globalKeys + "\n" + tables + "\n" + """
                [vrrp_instance.VI_1]
                interface = "eth0"
                version = 3
                virtual_router_id = 51
                priority = %d
                advert_int = %s
                virtual_ipaddress = ["%s/24"]
                """.formatted(priority, INTERVAL, VIP) + instanceExtra;
    }

    private static Path script(Path dir, String name, String body) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void awaitEquals(T expected, Supplier<T> actual, Duration timeout, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!expected.equals(actual.get())) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, actual.get(), context);
            }
            Hakeeperd.sleep(20);
        }
    }

    /** Reads a FIFO line by line on a daemon thread from the moment the daemon opens it. */
    private static List<String> readFifo(Path fifo) {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                while (!Files.exists(fifo)) {
                    Thread.sleep(10);
                }
                try (BufferedReader in = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        received.add(line);
                    }
                }
            } catch (IOException | InterruptedException e) {
                received.add("READ ERROR " + e);
            }
        }, "fifo-reader " + fifo.getFileName());
        reader.setDaemon(true);
        reader.start();
        return received;
    }

    @Test
    void failingScriptCheckMovesMastershipAndBackAndNotifyScriptsAndFifoSeeEachTransitionInOrder() throws Exception {
        try (Segment segment = Segment.create("PluginsInNamespacesIT-check", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Path dir = segment.lab().workDir();
            Path healthy = dir.resolve("healthy");
            Files.writeString(healthy, "ok\n");
            Path notify1 = dir.resolve("notify-node1.log");
            Path notify2 = dir.resolve("notify-node2.log");
            Path notifier = script(dir, "notify.sh", "echo \"$@\" >> \"$1\"");
            Path fifo1 = dir.resolve("node1.fifo");
            Path fifo2 = dir.resolve("node2.fifo");
            List<String> fifoLines1 = readFifo(fifo1);
            List<String> fifoLines2 = readFifo(fifo2);

            String check = """
                    [vrrp_script.chk_file]
                    script = "/usr/bin/test -e %s"
                    interval = 0.2
                    fall = 1
                    rise = 1
                    weight = %d
                    """.formatted(healthy, WEIGHT);
            // the notify line's own first word is the log file: the script appends all its arguments there
            Hakeeperd master = segment.start(node1, config("vrrp_notify_fifo = \"" + fifo1 + "\"", check, HIGH,
                    "track_script = [\"chk_file\"]\nnotify = \"" + notifier + " " + notify1 + "\"\n"));
            master.awaitState("VI_1", "MASTER", SETTLE);
            Hakeeperd backup = segment.start(node2, config("vrrp_notify_fifo = \"" + fifo2 + "\"", "", LOW,
                    "notify = \"" + notifier + " " + notify2 + "\"\n"));
            backup.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node1, VIP, SETTLE);

            // the check fails: 150 - 60 = 90 < 120, node2 preempts
            Files.delete(healthy);
            backup.awaitState("VI_1", "MASTER", SETTLE);
            master.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node2, VIP, SETTLE);
            segment.assertClientReaches(VIP);

            // it passes again: 150 > 120, node1 preempts back
            Files.writeString(healthy, "ok\n");
            master.awaitState("VI_1", "MASTER", SETTLE);
            backup.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node1, VIP, SETTLE);
            segment.assertClientReaches(VIP);

            List<String> expected1 = List.of(
                    notify1 + " INSTANCE VI_1 BACKUP 150",
                    notify1 + " INSTANCE VI_1 MASTER 150",
                    notify1 + " INSTANCE VI_1 BACKUP 90",
                    notify1 + " INSTANCE VI_1 MASTER 150");
            List<String> expected2 = List.of(
                    notify2 + " INSTANCE VI_1 BACKUP 120",
                    notify2 + " INSTANCE VI_1 MASTER 120",
                    notify2 + " INSTANCE VI_1 BACKUP 120");
            awaitEquals(expected1, () -> lines(notify1), Duration.ofSeconds(5), segment::logs);
            awaitEquals(expected2, () -> lines(notify2), Duration.ofSeconds(5), segment::logs);

            List<String> fifoExpected1 = List.of(
                    "INSTANCE \"VI_1\" BACKUP 150",
                    "INSTANCE \"VI_1\" MASTER 150",
                    "INSTANCE \"VI_1\" BACKUP 90",
                    "INSTANCE \"VI_1\" MASTER 150");
            List<String> fifoExpected2 = List.of(
                    "INSTANCE \"VI_1\" BACKUP 120",
                    "INSTANCE \"VI_1\" MASTER 120",
                    "INSTANCE \"VI_1\" BACKUP 120");
            awaitEquals(fifoExpected1, () -> List.copyOf(fifoLines1), Duration.ofSeconds(5), segment::logs);
            awaitEquals(fifoExpected2, () -> List.copyOf(fifoLines2), Duration.ofSeconds(5), segment::logs);
        }
    }

    @Test
    void hangingCheckAndFailingNotifierLeaveTheMastersAdvertsOnTime() {
        try (Segment segment = Segment.create("PluginsInNamespacesIT-hang", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Path dir = segment.lab().workDir();
            Path failing = script(dir, "fail.sh", "sleep 0.5\nexit 1");
            String hang = """
                    [vrrp_script.chk_hang]
                    script = "/bin/sleep 100"
                    interval = 0.2
                    timeout = 1
                    fall = 1
                    rise = 1
                    weight = -1
                    """;
            String notifiers = "track_script = [\"chk_hang\"]\nnotify = \"" + failing + "\"\nnotify_master = \""
                    + failing + "\"\nnotify_backup = \"" + failing + "\"\n";

            // node2 first: a JVM starting takes both cores for a while, and that is not what is measured here.
            // The capture runs from before node1 starts: its notifiers fail on its transitions inside the window
            Hakeeperd backup = segment.start(node2, config("", "", LOW, ""));
            backup.awaitState("VI_1", "MASTER", SETTLE);
            Hakeeperd.sleep(1000);
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            long start = System.nanoTime();
            Hakeeperd master = segment.start(node1, config("", hang, HIGH, notifiers));
            master.awaitState("VI_1", "MASTER", SETTLE);
            backup.awaitState("VI_1", "BACKUP", SETTLE);
            long left = Duration.ofSeconds(12).toMillis() - (System.nanoTime() - start) / 1_000_000;
            Hakeeperd.sleep(Math.max(left, 0));
            Path pcap = capture.stop();

            assertEquals("MASTER", master.state("VI_1"), segment::logs);
            Segment.assertAdvertsValid(pcap);
            List<BigDecimal> times = Segment.times(pcap, "vrrp && ip.src == " + node1.ipv4().getHostAddress());
            assertTrue(times.size() > 90, "only " + times.size() + " adverts of node1 in " + pcap);
            double largest = 0;
            for (int i = 1; i < times.size(); i++) {
                largest = Math.max(largest, times.get(i).subtract(times.get(i - 1)).doubleValue() * 1000);
            }
            double span = times.get(times.size() - 1).subtract(times.get(0)).doubleValue();
            // issue 5's limit. It holds when nothing but the daemons runs; a JVM starting on this 2-core machine
            // (node2's, had it started inside the window) makes gaps of up to 200 ms in a daemon with no plugin at
            // all, hence node2 first. The measured gap is printed for the report
            double limit = INTERVAL * 1000 + 20;
            System.out.printf("ADVERT GAP v3 0.1 s, hanging check + failing notifier: largest %.1f ms over %d adverts"
                    + " in %.1f s (limit %.1f ms)%n", largest, times.size(), span, limit);
            assertTrue(span >= 10, "node1 advertised for only " + span + " s");
            assertTrue(largest <= limit, "largest gap " + largest + " ms, limit " + limit + " ms\n" + segment.logs());
            // the hanging check was timed out and counted as failed, the notifiers did fail
            assertTrue(master.log().contains("track_script chk_hang: INITIALISING -> DOWN (timed out after 1000 ms)"),
                    master::log);
            assertTrue(master.log().contains("failed on VI_1 BACKUP -> MASTER"), master::log);
            // the priority in the adverts went 150 -> 149: the hanging check was timed out and counted as failed
            assertTrue(Segment.times(pcap, "vrrp && vrrp.prio == " + (HIGH - 1)).size() > 0,
                    "no advert at 149: the hanging check never counted as failed\n" + segment.logs());
        }
    }

    @Test
    void smtpAlertReachesARealSmtpServerWithKeepalivedsSubject() {
        Requirements.require(Files.isExecutable(Path.of(PYTHON)), PYTHON + " (Debian: python3)");
        try (Segment segment = Segment.create("PluginsInNamespacesIT-smtp", 1)) {
            LabNode node1 = segment.node(1);
            Requirements.require(segment.lab().exec(node1, PYTHON, "-c", "import aiosmtpd").exitCode() == 0,
                    "the aiosmtpd module for " + PYTHON + " (Debian: python3-aiosmtpd)");
            LabProcess smtpd = segment.lab().start(node1, PYTHON, "-u", "-m", "aiosmtpd", "-n",
                    "-l", "127.0.0.1:2525");
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (segment.lab().exec(node1, PYTHON, "-c",
                    "import socket; socket.create_connection(('127.0.0.1', 2525), 1).close()").exitCode() != 0) {
                assertTrue(System.nanoTime() < deadline, "aiosmtpd does not listen on 127.0.0.1:2525");
                Hakeeperd.sleep(100);
            }
            String globals = """
                    smtp_server = "127.0.0.1 2525"
                    smtp_connect_timeout = 5
                    notification_email = ["ops@example.com"]
                    notification_email_from = "hakeeper@example.com"
                    """;
            Hakeeperd master = segment.start(node1, config(globals, "", HIGH, "smtp_alert = true\n"));
            master.awaitState("VI_1", "MASTER", SETTLE);
            Supplier<String> mail = () -> {
                try {
                    return Files.readString(smtpd.output());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            String subject = "Subject: [" + node1.name() + "] VRRP Instance VI_1 - Entering MASTER state";
            long until = System.nanoTime() + SETTLE.toNanos();
            while (!mail.get().contains(subject) && System.nanoTime() < until) {
                Hakeeperd.sleep(50);
            }
            assertTrue(mail.get().contains(subject), () -> "no '" + subject + "' received:\n" + mail.get() + "\n" + segment.logs());
            assertTrue(mail.get().contains("=> VRRP Instance is now owning VRRP VIPs <="), mail::get);
            assertTrue(mail.get().contains("ops@example.com"), mail::get);
            // one mail per change of state: a second of adverts later, still one MASTER mail
            Hakeeperd.sleep(1000);
            assertEquals(1, mail.get().split(java.util.regex.Pattern.quote(subject), -1).length - 1, mail::get);
        }
    }
}
