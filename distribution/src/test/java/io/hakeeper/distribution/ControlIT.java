package io.hakeeper.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.hakeeper.engine.control.Json;
import io.hakeeper.engine.lab.Capture;
import io.hakeeper.engine.lab.LabNode;

/**
 * The control plane end to end (issue 6), on two hakeeperd in a lab (VRRPv3, IPv4, advert_int 0.1 s): rA runs
 * VI_51 at priority 150, rB at 100, as in docs/control-protocol.md. Every {@code control} example of that page
 * is sent to rA and its live answer compared key by key with the documented one; then maintenance, priority,
 * reload, a client under another uid, and a burst of clients and bad input are played against the live pair.
 */
class ControlIT {

    private static final String VIP = "192.0.2.200";
    private static final String NAME = "VI_51";
    private static final double INTERVAL = 0.1;
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** Compared exactly, not by type: the codes, the states the examples' preconditions set up, the flags. */
    private static final Set<String> EXACT = Set.of("ok", "code", "state", "family", "version", "maintenance",
            "overridden", "subscribed", "mode", "event", "subject", "from", "to", "accepted", "verdict");

    /** Objects whose keys are values (plugins' {@code types}: extension point to type names). */
    private static final Set<String> DATA_KEYED = Set.of("types");

    /** Blocking reads and writes off the common pool, which has a single thread on a 2-core box. */
    private static final ExecutorService IO = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "control-it-io");
        thread.setDaemon(true);
        return thread;
    });

    record Line(boolean sent, String text) {
    }

    record Example(String heading, int ordinal, List<Line> lines) {
        String key() {
            return heading + "#" + ordinal;
        }
    }

    private static String config(LabNode node, Path socket, int priority, String extra) {
        return """
                [global_defs]
                router_id = "%s"
                control_socket = "%s"
                control_group = "nogroup"
                admin_group = "adm"
                vrrp_garp_master_delay = 0

                [vrrp_instance.VI_51]
                interface = "eth0"
                version = 3
                virtual_router_id = 51
                priority = %d
                advert_int = 0.1
                virtual_ipaddress = ["%s/24"]
                %s""".formatted(node.name(), socket, priority, VIP, extra);
    }

    @Test
    void everyDocumentedExampleAndTheControlPlaneUnderLoadAndMisuse() throws Exception {
        List<Example> examples = examples(Path.of(System.getProperty("user.dir")).getParent()
                .resolve("docs/control-protocol.md"));
        assertTrue(examples.size() >= 15, "only " + examples.size() + " control examples found");
        try (Segment segment = Segment.create("ControlIT", 2)) {
            Requirements.requireTool("setpriv");
            LabNode nodeA = segment.node(1);
            LabNode nodeB = segment.node(2);
            Path socketA = Path.of("/tmp/hk-ctl-" + nodeA.namespace() + ".sock");
            Path socketB = Path.of("/tmp/hk-ctl-" + nodeB.namespace() + ".sock");
            Path configA = segment.lab().workDir().resolve("rA.toml");
            Path configB = segment.lab().workDir().resolve("rB.toml");
            String goodA = config(nodeA, socketA, 150, "");
            Files.writeString(configA, goodA);
            Files.writeString(configB, config(nodeB, socketB, 100, ""));
            // rB first, so that rA hears its adverts (the examples' peers, stats) before it preempts
            Hakeeperd b = segment.start(nodeB, configB, "--control-socket", socketB.toString());
            b.awaitState(NAME, "MASTER", SETTLE);
            Hakeeperd a = segment.start(nodeA, configA, "--control-socket", socketA.toString());
            a.awaitState(NAME, "MASTER", SETTLE);
            b.awaitState(NAME, "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(nodeA, VIP, SETTLE);
            Hakeeperd.sleep(500); // a few adverts each way, so that peers and stats have something
            Admin admin = new Admin(segment.tree(), socketA);

            // the never-finished line waits out the 30 s idle time-out beside everything else
            Example idleExample = only(examples, "Errors of the connection itself#3");
            long idleStart = System.nanoTime();
            CompletableFuture<String> idleAnswer = CompletableFuture.supplyAsync(() -> {
                try (Client client = new Client(socketA)) {
                    client.sendRaw(sentLines(idleExample).get(0).getBytes(StandardCharsets.UTF_8));
                    return client.read(Duration.ofSeconds(40));
                }
            }, IO);

            // (1) every example, in the order of the page
            List<String> covered = new ArrayList<>();
            for (Example example : examples) {
                switch (example.key()) {
                    case "status#0", "instance#0", "instance#1", "peers#0", "checks#0", "plugins#0", "stats#0",
                            "config#0", "priority#0", "Errors of the connection itself#0",
                            "Errors of the connection itself#1" -> plain(socketA, example);
                    case "maintenance#0" -> {
                        // (2) maintenance moves mastership to the peer, off brings it back (preemption)
                        try (Client client = new Client(socketA)) {
                            // right after the resign no advert has been accepted yet: master_ip is null, not
                            // the master rA followed before it took over at start-up. On a busy host rB's
                            // first advert (Skew_Time, ~61 ms at 0.1 s) may be read before the answer is
                            // made, which then rightly names rB: that difference is printed, not failed (that a
                            // new master forgets whom it followed is PeerTableTest's)
                            client.send(sentLines(example).get(0));
                            compare(example.key() + " request 0", answers(example).get(0), client.read(ANSWER),
                                    Set.of(".result.master_ip"));
                            b.awaitState(NAME, "MASTER", SETTLE);
                            a.awaitState(NAME, "BACKUP", SETTLE);
                            segment.awaitVipOnlyOn(nodeB, VIP, SETTLE);
                            // the documented "off" answer names the peer as master: wait until rA heard it
                            awaitStatus(admin, "master_ip", nodeB.ipv4().getHostAddress());
                            exchange(client, example, 1);
                        }
                        a.awaitState(NAME, "MASTER", SETTLE);
                        b.awaitState(NAME, "BACKUP", SETTLE);
                        segment.awaitVipOnlyOn(nodeA, VIP, SETTLE);
                    }
                    case "maintenance#1" -> {
                        // (4) another uid, in control_group (so it can connect) but not in admin_group
                        Command.Result status = admin.asNobody("status");
                        assertEquals(0, status.exitCode(), status::toString);
                        assertEquals(Boolean.TRUE, Json.parseObject(status.stdout().strip()).get("ok"), status::toString);
                        Command.Result refused = admin.asNobody("maintenance", NAME, "on");
                        assertEquals(1, refused.exitCode(), refused::toString);
                        compare(example.key(), answers(example).get(0), refused.stdout().strip());
                        Hakeeperd.sleep(500);
                        assertEquals("MASTER", a.state(NAME), a::log);
                        assertEquals("BACKUP", b.state(NAME), b::log);
                        assertEquals(Boolean.FALSE, instanceStatus(admin).get("maintenance"));
                        segment.awaitVipOnlyOn(nodeA, VIP, Duration.ZERO);
                    }
                    case "reload#0" -> {
                        // (3) an unchanged config: the VIP is present in every 10 ms sample over 1.5 s
                        CompletableFuture<List<String>> samples = segment.sampleVip(nodeA, VIP, 150, IO);
                        Hakeeperd.sleep(400);
                        plain(socketA, example);
                        List<String> counts = samples.get(30, TimeUnit.SECONDS);
                        assertTrue(counts.stream().allMatch("1"::equals), "the VIP blinked during the reload: " + counts);
                        assertEquals("MASTER", a.state(NAME), a::log);
                    }
                    case "reload#1" -> {
                        // (3) a broken config is refused and nothing changes
                        String before = (String) map(admin.json("config").get("result")).get("toml");
                        Files.writeString(configA, config(nodeA, socketA, 10, "broken = [\n"));
                        plain(socketA, example);
                        Command.Result cli = admin.run("reload");
                        assertEquals(1, cli.exitCode(), cli::toString);
                        assertEquals("config_invalid", map(Json.parseObject(cli.stdout().strip()).get("error")).get("code"));
                        Files.writeString(configA, goodA);
                        assertEquals(before, map(admin.json("config").get("result")).get("toml"));
                        Map<String, Object> status = instanceStatus(admin);
                        assertEquals("MASTER", status.get("state"));
                        assertEquals(150L, ((Number) status.get("priority")).longValue());
                        Hakeeperd.sleep(300);
                        assertEquals("MASTER", a.state(NAME), a::log);
                        segment.awaitVipOnlyOn(nodeA, VIP, Duration.ZERO);

                        // (3) a changed instance is applied: priority 90 hands mastership to rB (100), and back
                        Files.writeString(configA, config(nodeA, socketA, 90, ""));
                        Map<String, Object> lowered = map(admin.json("reload").get("result"));
                        assertEquals(List.of(NAME), lowered.get("changed"), lowered::toString);
                        b.awaitState(NAME, "MASTER", SETTLE);
                        a.awaitState(NAME, "BACKUP", SETTLE);
                        segment.awaitVipOnlyOn(nodeB, VIP, SETTLE);
                        assertEquals(90L, ((Number) instanceStatus(admin).get("priority")).longValue());
                        Files.writeString(configA, goodA);
                        Map<String, Object> restored = map(admin.json("reload").get("result"));
                        assertEquals(List.of(NAME), restored.get("changed"), restored::toString);
                        a.awaitState(NAME, "MASTER", SETTLE);
                        b.awaitState(NAME, "BACKUP", SETTLE);
                        segment.awaitVipOnlyOn(nodeA, VIP, SETTLE);
                    }
                    case "events#0" -> {
                        // the ack, then the first event: the transition maintenance causes
                        try (Client client = new Client(socketA)) {
                            List<String> sent = sentLines(example);
                            List<String> expected = answers(example);
                            client.send(sent.get(0));
                            compare(example.key() + " ack", expected.get(0), client.read(ANSWER));
                            assertEquals(0, admin.run("maintenance", NAME, "on").exitCode());
                            compare(example.key() + " first event", expected.get(1), client.read(ANSWER));
                        }
                        b.awaitState(NAME, "MASTER", SETTLE);
                        assertEquals(0, admin.run("maintenance", NAME, "off").exitCode());
                        a.awaitState(NAME, "MASTER", SETTLE);
                        segment.awaitVipOnlyOn(nodeA, VIP, SETTLE);
                    }
                    case "Errors of the connection itself#2" -> {
                        try (Client client = new Client(socketA)) {
                            compare(example.key(), answers(example).get(0), oversized(client));
                        }
                    }
                    case "Errors of the connection itself#3" -> {
                        // answered at the end: it is the 30 s idle time-out, started above
                    }
                    default -> fail("docs/control-protocol.md has an example this test does not know: " + example);
                }
                covered.add(example.key());
            }
            System.out.println("CONTROL examples compared with the live daemon: " + covered);

            // (2) priority: below the peer gives mastership away, reset takes it back
            assertEquals(0, admin.run("priority", NAME, "50").exitCode());
            b.awaitState(NAME, "MASTER", SETTLE);
            a.awaitState(NAME, "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(nodeB, VIP, SETTLE);
            assertEquals(0, admin.run("priority", NAME, "--reset").exitCode());
            a.awaitState(NAME, "MASTER", SETTLE);
            b.awaitState(NAME, "BACKUP", SETTLE);
            segment.awaitVipOnlyOn(nodeA, VIP, SETTLE);
            Hakeeperd.sleep(300);

            // (5) 100 clients at once, garbage, an oversized line (and the unfinished one still waiting),
            // while the switch records rA's adverts
            Capture capture = segment.lab().captureSwitch(Segment.VRRP_ARP_ND);
            Hakeeperd.sleep(300);
            ExecutorService pool = Executors.newFixedThreadPool(110);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    answers.add(pool.submit(() -> {
                        try (Client client = new Client(socketA)) {
                            client.send("{\"cmd\": \"status\"}");
                            return client.read(Duration.ofSeconds(10));
                        }
                    }));
                }
                List<Future<String>> garbage = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    garbage.add(pool.submit(() -> {
                        try (Client client = new Client(socketA)) {
                            client.sendRaw(new byte[] {(byte) 0xff, 0x00, '{', '[', (byte) 0xc3, '\n'});
                            return client.read(Duration.ofSeconds(10));
                        }
                    }));
                    garbage.add(pool.submit(() -> {
                        try (Client client = new Client(socketA)) {
                            return oversized(client);
                        }
                    }));
                }
                for (Future<String> answer : answers) {
                    Map<String, Object> parsed = Json.parseObject(answer.get(15, TimeUnit.SECONDS));
                    assertEquals(Boolean.TRUE, parsed.get("ok"), parsed::toString);
                }
                for (int i = 0; i < garbage.size(); i++) {
                    Map<String, Object> parsed = Json.parseObject(garbage.get(i).get(15, TimeUnit.SECONDS));
                    assertEquals(i % 2 == 0 ? "bad_request" : "line_too_long", map(parsed.get("error")).get("code"),
                            parsed::toString);
                }
            } finally {
                pool.shutdownNow();
            }
            Map<String, Object> after = instanceStatus(admin);
            assertEquals("MASTER", after.get("state"));
            Hakeeperd.sleep(300);
            Path pcap = capture.stop();
            List<BigDecimal> adverts = Segment.times(pcap,
                    "vrrp && ip.src == " + nodeA.ipv4().getHostAddress() + " && vrrp.prio == 150");
            assertTrue(adverts.size() >= 5, "only " + adverts.size() + " adverts of rA in " + pcap);
            double largest = 0;
            for (int i = 1; i < adverts.size(); i++) {
                largest = Math.max(largest, adverts.get(i).subtract(adverts.get(i - 1)).doubleValue() * 1000);
            }
            System.out.printf("CONTROL largest gap between rA's adverts under control load: %.1f ms over %d adverts"
                    + " (target %.0f ms, asserted %.0f ms)%n", largest, adverts.size(), INTERVAL * 1000 + 20,
                    3 * INTERVAL * 1000);
            assertTrue(largest <= 3 * INTERVAL * 1000, "largest advert gap " + largest + " ms\n" + segment.logs());

            // the unfinished line: idle_timeout after 30 s, and the daemon still answers
            String idle = idleAnswer.get(45, TimeUnit.SECONDS);
            double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
            compare(idleExample.key(), answers(idleExample).get(0), idle);
            System.out.printf("CONTROL idle_timeout after %.1f s%n", idleSeconds);
            assertTrue(idleSeconds >= 29, "idle_timeout after only " + idleSeconds + " s");
            assertEquals("MASTER", instanceStatus(admin).get("state"));
            assertEquals("MASTER", a.state(NAME), a::log);
            assertEquals("BACKUP", b.state(NAME), b::log);
        }
    }

    // ---- the examples

    static List<Example> examples(Path page) throws IOException {
        List<Example> examples = new ArrayList<>();
        Map<String, Integer> ordinals = new LinkedHashMap<>();
        String heading = "";
        List<Line> block = null;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (block == null && line.startsWith("### ")) {
                heading = line.substring(4).strip();
            } else if (block == null && line.strip().equals("```control")) {
                block = new ArrayList<>();
            } else if (block != null && line.strip().equals("```")) {
                int ordinal = ordinals.merge(heading, 1, Integer::sum) - 1;
                examples.add(new Example(heading, ordinal, block));
                block = null;
            } else if (block != null && (line.startsWith("> ") || line.startsWith("< "))) {
                block.add(new Line(line.startsWith(">"), line.substring(2)));
            } else if (block != null && !line.isBlank()) {
                throw new AssertionError("a line of a control example is neither > nor <: " + line);
            }
        }
        return examples;
    }

    private static Example only(List<Example> examples, String key) {
        return examples.stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no example " + key + " in docs/control-protocol.md"));
    }

    private static List<String> sentLines(Example example) {
        return example.lines().stream().filter(Line::sent).map(Line::text).toList();
    }

    private static List<String> answers(Example example) {
        return example.lines().stream().filter(l -> !l.sent()).map(Line::text).toList();
    }

    /** One connection; each request sent, each answer read and compared. */
    private static void plain(Path socket, Example example) {
        try (Client client = new Client(socket)) {
            for (int i = 0; i < sentLines(example).size(); i++) {
                exchange(client, example, i);
            }
        }
    }

    /** The example's i-th request, and the i-th answer (one answer per request). */
    private static void exchange(Client client, Example example, int i) {
        client.send(sentLines(example).get(i));
        compare(example.key() + " request " + i, answers(example).get(i), client.read(ANSWER));
    }

    private static String oversized(Client client) {
        String line = "{\"cmd\": \"status\", \"x\": \"" + "a".repeat(70 * 1024) + "\"}\n";
        CompletableFuture.runAsync(() -> client.sendRawQuietly(line.getBytes(StandardCharsets.UTF_8)), IO);
        return client.read(ANSWER);
    }

    static void compare(String what, String documented, String live) {
        compare(what, documented, live, Set.of());
    }

    /** As above, but a difference at one of {@code tolerated} (paths like ".result.master_ip") is only printed. */
    static void compare(String what, String documented, String live, Set<String> tolerated) {
        if (live == null) {
            fail(what + ": no answer; documented " + documented);
        }
        List<String> differences = new ArrayList<>();
        compare("", Json.parse(documented), Json.parse(live), differences);
        differences.removeIf(d -> {
            boolean known = tolerated.stream().anyMatch(p -> d.startsWith(p + ":"));
            if (known) {
                System.out.println("CONTROL KNOWN DISCREPANCY " + what + " " + d);
            }
            return known;
        });
        if (!differences.isEmpty()) {
            fail(what + ": the live answer differs from the documented one:\n  " + String.join("\n  ", differences)
                    + "\ndocumented: " + documented + "\nlive:       " + live);
        }
    }

    /** Same keys recursively; values by JSON kind, except {@link #EXACT} keys; arrays element-wise by the first. */
    private static void compare(String path, Object documented, Object live, List<String> differences) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (!Json.kind(documented).equals(Json.kind(live))) {
            differences.add(path + ": documented " + Json.kind(documented) + " " + documented + ", live "
                    + Json.kind(live) + " " + live);
            return;
        }
        if (documented instanceof Map<?, ?> doc && DATA_KEYED.contains(key) && !doc.isEmpty()) {
            // its keys are data (a plugin's extension points), not names of fields: each value like the first
            Object like = doc.values().iterator().next();
            ((Map<?, ?>) live).forEach((k, v) -> compare(path + "." + k, like, v, differences));
        } else if (documented instanceof Map<?, ?> doc) {
            Map<?, ?> got = (Map<?, ?>) live;
            Set<String> missing = new TreeSet<>();
            Set<String> extra = new TreeSet<>();
            doc.keySet().forEach(k -> {
                if (!got.containsKey(k)) {
                    missing.add(k.toString());
                }
            });
            got.keySet().forEach(k -> {
                if (!doc.containsKey(k)) {
                    extra.add(k.toString());
                }
            });
            if (!missing.isEmpty()) {
                differences.add(path + ": keys documented but not answered: " + missing);
            }
            if (!extra.isEmpty()) {
                differences.add(path + ": keys answered but not documented: " + extra);
            }
            for (Object k : doc.keySet()) {
                if (got.containsKey(k)) {
                    compare(path + "." + k, doc.get(k), got.get(k), differences);
                }
            }
        } else if (documented instanceof List<?> doc) {
            List<?> got = (List<?>) live;
            if (!doc.isEmpty() && got.isEmpty()) {
                differences.add(path + ": documented " + doc.size() + " elements, live none");
            }
            for (int i = 0; i < got.size() && !doc.isEmpty(); i++) {
                compare(path + "[" + i + "]", doc.get(Math.min(i, doc.size() - 1)), got.get(i), differences);
            }
        } else if (EXACT.contains(key) && !String.valueOf(documented).equals(String.valueOf(live))) {
            differences.add(path + ": documented " + documented + ", live " + live);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> instanceStatus(Admin admin) {
        Map<String, Object> result = map(admin.json("status").get("result"));
        return map(((List<Object>) result.get("instances")).get(0));
    }

    private static void awaitStatus(Admin admin, String key, Object value) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!String.valueOf(value).equals(String.valueOf(instanceStatus(admin).get(key)))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status " + key + " is not " + value + ": " + instanceStatus(admin));
            }
            Hakeeperd.sleep(20);
        }
    }

    // ---- clients

    /** bin/ha-admin of the tree, as root or as nobody. */
    record Admin(Path tree, Path socket) {
        Command.Result run(String... args) {
            List<Object> argv = new ArrayList<>(List.of(tree.resolve("bin/ha-admin"), "--json", "--socket", socket));
            argv.addAll(List.of(args));
            return exec(argv);
        }

        Command.Result asNobody(String... args) {
            List<Object> argv = new ArrayList<>(List.of("setpriv", "--reuid", "nobody", "--regid", "nogroup",
                    "--clear-groups", tree.resolve("bin/ha-admin"), "--json", "--socket", socket));
            argv.addAll(List.of(args));
            return exec(argv);
        }

        Map<String, Object> json(String... args) {
            Command.Result result = run(args);
            assertEquals(0, result.exitCode(), result::toString);
            return Json.parseObject(result.stdout().strip());
        }

        private static Command.Result exec(List<Object> argv) {
            try {
                return Command.of(argv.toArray()).in(Path.of("/")).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** A raw connection to the control socket: lines out, lines in, each read bounded in time. */
    static final class Client implements AutoCloseable {
        private final SocketChannel channel;
        private final BufferedReader in;

        Client(Path socket) {
            try {
                channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + socket, e);
            }
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        }

        void send(String line) {
            sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void sendRaw(byte[] bytes) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void sendRawQuietly(byte[] bytes) {
            try {
                sendRaw(bytes);
            } catch (UncheckedIOException e) {
                // the daemon closed after its answer: expected for a line too long
            }
        }

        /** The next line, or null at the end of the stream; fails when none comes within {@code timeout}. */
        String read(Duration timeout) {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, IO);
            try {
                return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                close();
                throw new AssertionError("no answer within " + timeout);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("reading the answer failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
