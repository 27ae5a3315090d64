package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.engine.lab.LabNode;
import io.hakeeper.engine.lab.LabProcess;
import io.hakeeper.engine.lab.NamespaceLab;

/**
 * Two hakeeperd of the assembled tree on one segment (namespaces, 192.0.2.0/24), VRRPv2 with
 * {@code auth_type = "AH"} and with {@code "PASS"}: with the same password they form one virtual router, the higher priority
 * master and the other backup; with different passwords each drops the other's adverts as
 * authentication failures, and both become master.
 */
class AuthNamespaceIT {

    private static final Pattern TRANSITION = Pattern.compile("VI_AUTH \\(VRID 61, IPv4\\): (\\w+) -> (\\w+)");
    /** Longer than the Master_Down_Interval of advert_int 1 (3 s and skew), with margin. */
    private static final Duration SETTLE = Duration.ofSeconds(6);
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeEach
    void needs() {
        Requirements.requireRoot();
        Requirements.requireTool("ip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AH", "PASS"})
    void samePasswordOneMasterAndOneBackup(String authType) throws Exception {
        try (NamespaceLab lab = NamespaceLab.create(2, dir)) {
            // the higher priority first, and master, so that the lower never rightly runs out its timer
            // before hearing it (two JVMs starting together can be seconds apart on a busy machine)
            LabProcess high = start(lab, lab.node(1), 150, authType, "s3cret");
            awaitRunning(high);
            awaitMaster(high);
            LabProcess low = start(lab, lab.node(2), 100, authType, "s3cret");
            awaitRunning(low);
            Thread.sleep(SETTLE.toMillis());

            assertEquals("MASTER", lastState(high), () -> logs(high, low));
            assertEquals("BACKUP", lastState(low), () -> logs(high, low));
            assertTrue(neverMaster(low), () -> "the backup took over at some point\n" + logs(high, low));
            String all = log(high) + log(low);
            assertTrue(!all.contains("authentication failed") && !all.contains("replayed"), () -> logs(high, low));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AH", "PASS"})
    void differentPasswordsBothMasterWithAuthFailuresLogged(String authType) throws Exception {
        try (NamespaceLab lab = NamespaceLab.create(2, dir)) {
            LabProcess first = start(lab, lab.node(1), 150, authType, "s3cret");
            LabProcess second = start(lab, lab.node(2), 100, authType, "other");
            awaitRunning(first, second);
            Thread.sleep(SETTLE.toMillis());

            assertEquals("MASTER", lastState(first), () -> logs(first, second));
            assertEquals("MASTER", lastState(second), () -> logs(first, second));
            for (LabProcess node : List.of(first, second)) {
                assertTrue(log(node).contains("dropped advert: authentication failed"),
                        () -> node.node() + " logged no auth failure\n" + logs(first, second));
            }
        }
    }

    private LabProcess start(NamespaceLab lab, LabNode node, int priority, String authType, String password)
            throws IOException {
        Path config = dir.resolve(node.name() + ".toml");
        Files.writeString(config, """
                [global_defs]
                router_id = "%s"

                [vrrp_instance.VI_AUTH]
                state = "BACKUP"
                interface = "%s"
                virtual_router_id = 61
                priority = %d
                advert_int = 1
                authentication = { auth_type = "%s", auth_pass = "%s" }
                virtual_ipaddress = ["192.0.2.61/24"]
                """.formatted(node.name(), node.interfaceName(), priority, authType, password));
        Path hakeeperd = Tree.built().resolve("bin/hakeeperd");
        return lab.start(node, hakeeperd.toString(), "-f", config.toString(),
                "--control-socket", dir.resolve(node.name() + ".sock").toString());
    }

    /** Both daemons have loaded their plugins and opened their sockets (a JVM start takes a while). */
    private static void awaitRunning(LabProcess... processes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        for (LabProcess process : processes) {
            while (!log(process).contains("hakeeperd running")) {
                if (!process.process().isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError(process.node() + " did not start\n" + logs(processes));
                }
                Thread.sleep(100);
            }
        }
    }

    private static void awaitMaster(LabProcess process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!lastState(process).equals("MASTER")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(process.node() + " did not become master alone\n" + logs(process));
            }
            Thread.sleep(50);
        }
    }

    private static String lastState(LabProcess process) throws IOException {
        Matcher matcher = TRANSITION.matcher(log(process));
        String state = "none";
        while (matcher.find()) {
            state = matcher.group(2);
        }
        return state;
    }

    private static boolean neverMaster(LabProcess process) throws IOException {
        Matcher matcher = TRANSITION.matcher(log(process));
        while (matcher.find()) {
            if (matcher.group(2).equals("MASTER")) {
                return false;
            }
        }
        return true;
    }

    private static String log(LabProcess process) throws IOException {
        return Files.exists(process.output()) ? Files.readString(process.output()) : "";
    }

    private static String logs(LabProcess... processes) {
        StringBuilder all = new StringBuilder();
        for (LabProcess process : processes) {
            try {
                all.append("--- ").append(process.node()).append('\n').append(log(process));
            } catch (IOException e) {
                all.append(e);
            }
        }
        return all.toString();
    }
}
