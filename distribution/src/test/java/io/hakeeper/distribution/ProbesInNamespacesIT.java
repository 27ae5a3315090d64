package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.lab.LabNode;

/**
 * The third-party probes against real servers between two hakeeperd in namespaces (VRRPv3, advert_int 0.1,
 * node1 150, node2 120), each node probing its own server (issue 5): a failing grafana health endpoint, or a
 * stopped mariadbd, moves mastership to node2 within fall x interval + Master_Down_Interval (plus a margin
 * for a small, busy machine; the measured time is printed), and the server coming back brings it back.
 */
class ProbesInNamespacesIT {

    private static final String VIP = ElectionIT.VIP;
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final double ADVERT_INT = 0.1;
    private static final double CHECK_INTERVAL = 0.2;
    private static final int FALL = 1;
    private static final int HIGH = 150;
    private static final int LOW = 120;
    private static final int WEIGHT = -60;
    /** RFC 5798 on node2: 3 x advert_int + skew, skew = (256 - priority) x advert_int / 256. */
    private static final double MASTER_DOWN_INTERVAL = 3 * ADVERT_INT + (256 - LOW) * ADVERT_INT / 256;
    /** What the 2-core machine running two JVMs (and here two servers) adds to the protocol's bound. */
    private static final double MARGIN = 2.0;
    private static final double BOUND = FALL * CHECK_INTERVAL + MASTER_DOWN_INTERVAL;
    /** Python's http.server, the stand-in for Grafana's health endpoint (the system python, as elsewhere). */
    private static final String PYTHON = "/usr/bin/python3";
    private static final int HTTP_PORT = 3000;
    private static final String HEALTHY = "{\"database\": \"ok\", \"version\": \"10.4.0\"}\n";
    private static final String FAILING = "{\"database\": \"failing\", \"version\": \"10.4.0\"}\n";

    private static String config(String check, int priority, String trackScript) {
        return check + "\n" + """
                [vrrp_instance.VI_1]
                interface = "eth0"
                version = 3
                virtual_router_id = 51
                priority = %d
                advert_int = %s
                virtual_ipaddress = ["%s/24"]
                track_script = ["%s"]
                """.formatted(priority, ADVERT_INT, VIP, trackScript);
    }

    /** Waits until node2 is master and holds the VIP alone; returns the seconds from {@code since}. */
    private static double awaitMoveTo(Segment segment, Hakeeperd to, Hakeeperd from, LabNode owner, long since) {
        to.awaitState("VI_1", "MASTER", SETTLE);
        double seconds = (System.nanoTime() - since) / 1e9;
        from.awaitState("VI_1", "BACKUP", SETTLE);
        segment.awaitVipOnlyOn(owner, VIP, SETTLE);
        return seconds;
    }

    private static void assertWithinBound(String what, double seconds, Segment segment) {
        double limit = BOUND + MARGIN;
        System.out.printf("PROBE FAILOVER %s: %.3f s (fall x interval + Master_Down_Interval = %.3f s, limit %.3f s)%n",
                what, seconds, BOUND, limit);
        assertTrue(seconds <= limit, what + " took " + seconds + " s, limit " + limit + " s\n" + segment.logs());
    }

    // ---------------------------------------------------------------- grafana

    @Test
    void failingGrafanaHealthMovesMastershipWithinTheBoundAndRecoveryBringsItBack() throws Exception {
        Requirements.require(Files.isExecutable(Path.of(PYTHON)), PYTHON + " (Debian: python3)");
        try (Segment segment = Segment.create("ProbesInNamespacesIT-grafana", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Path dir = segment.lab().workDir();
            Path health1 = grafana(segment, node1, dir.resolve("grafana-node1"));
            grafana(segment, node2, dir.resolve("grafana-node2"));

            String check = """
                    [vrrp_script.chk_grafana]
                    type = "grafana"
                    url = "http://127.0.0.1:%d"
                    interval = %s
                    timeout = 1
                    fall = %d
                    rise = 1
                    weight = %d
                    """.formatted(HTTP_PORT, CHECK_INTERVAL, FALL, WEIGHT);
            Hakeeperd master = segment.start(node1, config(check, HIGH, "chk_grafana"));
            master.awaitState("VI_1", "MASTER", SETTLE);
            Hakeeperd backup = segment.start(node2, config(check, LOW, "chk_grafana"));
            backup.awaitState("VI_1", "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(node1, VIP, SETTLE);
            Hakeeperd.sleep(1000);
            assertTrue(master.log().contains("chk_grafana"), master::log);

            // node1's Grafana loses its database: 150 - 60 = 90 < 120, node2 takes over
            long failed = System.nanoTime();
            replace(health1, FAILING);
            double away = awaitMoveTo(segment, backup, master, node2, failed);
            segment.assertClientReaches(VIP);
            assertWithinBound("grafana failing on node1 -> node2 MASTER", away, segment);
            assertTrue(master.log().contains("track_script chk_grafana: UP -> DOWN (database failing)"), master::log);

            // healthy again: 150 > 120, node1 preempts back
            long restored = System.nanoTime();
            replace(health1, HEALTHY);
            double back = awaitMoveTo(segment, master, backup, node1, restored);
            segment.assertClientReaches(VIP);
            assertWithinBound("grafana healthy on node1 -> node1 MASTER again", back, segment);
            assertTrue(master.log().contains("track_script chk_grafana: DOWN -> UP (database ok"), master::log);
        }
    }

    /** A Grafana-like health endpoint on the node's own loopback: {@code /api/health} is a file it serves. */
    private static Path grafana(Segment segment, LabNode node, Path root) throws IOException {
        Path health = root.resolve("api/health");
        Files.createDirectories(health.getParent());
        Files.writeString(health, HEALTHY);
        segment.lab().start(node, PYTHON, "-m", "http.server", "--bind", "127.0.0.1", "--directory",
                root.toString(), Integer.toString(HTTP_PORT));
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (segment.lab().exec(node, PYTHON, "-c", "import urllib.request, sys; sys.exit(0 if b'\"ok\"' in "
                + "urllib.request.urlopen('http://127.0.0.1:" + HTTP_PORT + "/api/health', timeout=1).read() else 1)")
                .exitCode() != 0) {
            assertTrue(System.nanoTime() < deadline, "no health endpoint on " + node.name() + " 127.0.0.1:" + HTTP_PORT);
            Hakeeperd.sleep(100);
        }
        return health;
    }

    /** Replaces the file's content at once (a rename), so that a GET never reads it half written. */
    private static void replace(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    // ---------------------------------------------------------------- mysql

    @Test
    void stoppedMariadbMovesMastershipWithinTheBoundAndStartingItBringsItBack() throws Exception {
        Path mariadbd = Requirements.requireTool("mariadbd");
        Path installDb = Requirements.requireTool("mariadb-install-db");
        try (Segment segment = Segment.create("ProbesInNamespacesIT-mysql", 2)) {
            LabNode node1 = segment.node(1);
            LabNode node2 = segment.node(2);
            Path dir = segment.lab().workDir();
            try (MariaDb db1 = new MariaDb(mariadbd, installDb, dir.resolve("mariadb-node1"));
                    MariaDb db2 = new MariaDb(mariadbd, installDb, dir.resolve("mariadb-node2"))) {
                db1.start();
                db2.start();
                Hakeeperd master = segment.start(node1, config(mysqlCheck(db1.socket()), HIGH, "chk_mysql"));
                master.awaitState("VI_1", "MASTER", SETTLE);
                Hakeeperd backup = segment.start(node2, config(mysqlCheck(db2.socket()), LOW, "chk_mysql"));
                backup.awaitState("VI_1", "BACKUP", SETTLE);
                segment.awaitVipOnlyOn(node1, VIP, SETTLE);
                Hakeeperd.sleep(1000);
                assertTrue(!master.log().contains(MariaDb.PASSWORD), "the password was logged\n" + master.log());

                // node1's server stops (SIGTERM, as systemctl stop): node2 takes over
                long stopped = System.nanoTime();
                db1.stop();
                double shutdown = (System.nanoTime() - stopped) / 1e9;
                double away = awaitMoveTo(segment, backup, master, node2, stopped);
                segment.assertClientReaches(VIP);
                System.out.printf("PROBE FAILOVER mysql: mariadbd took %.3f s to exit after SIGTERM%n", shutdown);
                assertWithinBound("mariadbd stopped on node1 -> node2 MASTER", away, segment);
                assertTrue(master.log().contains("track_script chk_mysql: UP -> DOWN"), master::log);

                // it starts again: node1 preempts back (measured from the socket being there again)
                db1.start();
                long started = System.nanoTime();
                double back = awaitMoveTo(segment, master, backup, node1, started);
                segment.assertClientReaches(VIP);
                assertWithinBound("mariadbd started on node1 -> node1 MASTER again", back, segment);
                assertTrue(master.log().contains("track_script chk_mysql: DOWN -> UP (" + db1.socket() + ": 42)"), master::log);
            }
        }
    }

    private static String mysqlCheck(Path socket) {
        return """
                [vrrp_script.chk_mysql]
                type = "mysql"
                socket = "%s"
                user = "%s"
                password = "%s"
                database = "app"
                query = "SELECT beat FROM heartbeat"
                interval = %s
                timeout = 1
                fall = %d
                rise = 1
                weight = %d
                """.formatted(socket, MariaDb.USER, MariaDb.PASSWORD, CHECK_INTERVAL, FALL, WEIGHT);
    }

    /**
     * A real mariadbd of the test's own, as plugins/check-mysql's tests run one: a data directory made by
     * mariadb-install-db, run as root, a probe user made by an init file. Unix socket only
     * ({@code --skip-networking}): a unix socket is reachable from every network namespace, and no host
     * address is used.
     */
    private static final class MariaDb implements AutoCloseable {

        static final String USER = "probe";
        static final String PASSWORD = "pr0be-secret";

        private final Path mariadbd;
        private final Path dir;
        private Process process;

        MariaDb(Path mariadbd, Path installDb, Path dir) throws IOException, InterruptedException {
            this.mariadbd = mariadbd;
            this.dir = dir;
            Files.createDirectories(dir);
            Path out = dir.resolve("install-db.out");
            Process install = new ProcessBuilder(installDb.toString(), "--no-defaults", "--user=root",
                    "--datadir=" + dir.resolve("data"), "--skip-test-db", "--auth-root-authentication-method=socket")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed:\n" + Files.readString(out));
            }
            Files.writeString(dir.resolve("init.sql"), String.join("\n",
                    "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';",
                    "CREATE DATABASE IF NOT EXISTS app;",
                    "CREATE TABLE IF NOT EXISTS app.heartbeat (beat INT);",
                    "DELETE FROM app.heartbeat;",
                    "INSERT INTO app.heartbeat VALUES (42);",
                    "GRANT SELECT ON app.* TO '" + USER + "'@'localhost';", ""));
        }

        Path socket() {
            return dir.resolve("mysqld.sock");
        }

        void start() throws IOException, InterruptedException {
            process = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--user=root",
                    "--datadir=" + dir.resolve("data"), "--socket=" + socket(), "--pid-file=" + dir.resolve("mariadbd.pid"),
                    "--skip-networking", "--init-file=" + dir.resolve("init.sql"),
                    "--log-error=" + dir.resolve("error.log"), "--skip-log-bin", "--innodb-buffer-pool-size=16M")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.out").toFile()))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(socket())) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    Path log = dir.resolve("error.log");
                    throw new IllegalStateException("mariadbd did not start:\n" + (Files.exists(log) ? Files.readString(log) : ""));
                }
                Thread.sleep(50);
            }
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
