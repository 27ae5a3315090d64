package io.hakeeper.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {

    @TempDir
    Path dir;

    private final FakeService service = new FakeService();
    private final EventHub events = new EventHub();
    private ControlServer server;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("control.sock");
        server = ControlServer.start(socket, Optional.empty(),
                new ControlProtocol(service, new Permissions(Optional.empty(), dir.resolve("passwd"), dir.resolve("group"))),
                events, new ControlServer.Limits(64 * 1024, Duration.ofMillis(500), 256));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final class Client implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;

        Client(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        }

        void send(String text) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        Map<String, Object> ask(String line) throws IOException {
            send(line + "\n");
            return Json.parseObject(in.readLine());
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static String errorCode(Map<String, Object> answer) {
        assertEquals(false, answer.get("ok"), answer.toString());
        return (String) ((Map<String, Object>) answer.get("error")).get("code");
    }

    @Test
    void answersStatusOnOneLineAndKeepsTheConnectionForTheNext() throws IOException {
        try (Client client = new Client(socket)) {
            assertEquals(true, client.ask("{\"cmd\":\"status\"}").get("ok"));
            assertEquals(true, client.ask("{\"cmd\": \"status\"}").get("ok"));
        }
    }

    @Test
    void socketFileIsMode0660() throws IOException {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void garbageGetsBadRequestAndTheConnectionIsClosed() throws IOException {
        try (Client client = new Client(socket)) {
            assertEquals("bad_request", errorCode(client.ask("hello there")));
            assertEquals(null, client.in.readLine());
        }
    }

    @Test
    void unknownCommandIsAnErrorButTheConnectionStays() throws IOException {
        try (Client client = new Client(socket)) {
            assertEquals("unknown_command", errorCode(client.ask("{\"cmd\":\"dance\"}")));
            assertEquals(true, client.ask("{\"cmd\":\"status\"}").get("ok"));
        }
    }

    @Test
    void aLineOverSixtyFourKibibytesIsRefusedAndClosed() throws IOException {
        try (Client client = new Client(socket)) {
            client.send("{\"cmd\":\"status\",\"x\":\"" + "a".repeat(70 * 1024));
            assertEquals("line_too_long", errorCode(Json.parseObject(client.in.readLine())));
            assertEquals(null, client.in.readLine());
        }
    }

    @Test
    void aHalfSentLineTimesOut() throws IOException {
        try (Client client = new Client(socket)) {
            client.send("{\"cmd\":\"sta");
            long start = System.nanoTime();
            assertEquals("idle_timeout", errorCode(Json.parseObject(client.in.readLine())));
            assertTrue(System.nanoTime() - start > 300_000_000L);
            assertEquals(null, client.in.readLine());
        }
    }

    @Test
    void changesNeedRootOrAdminGroup() throws IOException {
        // this test runs as whoever runs mvn: as root the change is allowed, otherwise refused
        boolean root = "root".equals(System.getProperty("user.name"));
        try (Client client = new Client(socket)) {
            Map<String, Object> answer = client.ask("{\"cmd\":\"maintenance\",\"name\":\"VI_51\",\"on\":true}");
            if (root) {
                assertEquals(true, answer.get("ok"));
                assertTrue(service.maintenance);
            } else {
                assertEquals("permission_denied", errorCode(answer));
            }
        }
    }

    @Test
    void hundredClientsAtOnceAreAllAnswered() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit((Callable<Object>) () -> {
                    try (Client client = new Client(socket)) {
                        return client.ask("{\"cmd\":\"status\"}").get("ok");
                    }
                }));
            }
            for (Future<Object> answer : answers) {
                assertEquals(true, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Clients that connect without blocking are refused by the kernel once the listen backlog is full, before
     * the server can tell them anything: the backlog must hold more than the client limit, so that every
     * client gets in and the surplus hears {@code busy}. The first {@code maxClients} wait for their request
     * (idle time-out 30 s), so exactly 300 - 256 are told busy.
     */
    @Test
    void threeHundredClientsConnectingAtOnceAreServedOrToldBusyAndNoneRefused() throws Exception {
        server.close();
        Path crowded = dir.resolve("crowded.sock");
        int maxClients = ControlServer.Limits.DEFAULT.maxClients();
        server = ControlServer.start(crowded, Optional.empty(), new ControlProtocol(service,
                new Permissions(Optional.empty(), dir, dir)), events, ControlServer.Limits.DEFAULT);
        List<SocketChannel> clients = new ArrayList<>();
        try {
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                client.configureBlocking(false);
                clients.add(client);
                try {
                    if (!client.connect(UnixDomainSocketAddress.of(crowded))) {
                        refused.add("client " + i + ": connection pending");
                    }
                } catch (IOException e) {
                    refused.add("client " + i + ": " + e.getMessage());
                }
            }
            assertTrue(refused.isEmpty(), refused.size() + " of 300 clients were refused, the first: "
                    + refused.subList(0, Math.min(3, refused.size())));

            Map<SocketChannel, String> busy = firstLines(clients, 300 - maxClients, Duration.ofSeconds(10));
            assertEquals(300 - maxClients, busy.size(), "clients told busy");
            busy.values().forEach(line -> assertEquals("busy", errorCode(Json.parseObject(line)), line));

            List<SocketChannel> served = clients.stream().filter(c -> !busy.containsKey(c)).toList();
            for (SocketChannel client : served) {
                ByteBuffer request = ByteBuffer.wrap("{\"cmd\":\"status\"}\n".getBytes(StandardCharsets.UTF_8));
                while (request.hasRemaining()) {
                    client.write(request);
                }
            }
            Map<SocketChannel, String> answers = firstLines(served, served.size(), Duration.ofSeconds(10));
            assertEquals(maxClients, answers.size(), "clients answered");
            answers.values().forEach(line -> assertEquals(true, Json.parseObject(line).get("ok"), line));
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
        }
    }

    /** The first line each of {@code clients} (non-blocking) receives, until {@code expected} came or time is up. */
    private static Map<SocketChannel, String> firstLines(List<SocketChannel> clients, int expected, Duration within)
            throws IOException {
        Map<SocketChannel, java.io.ByteArrayOutputStream> partial = new java.util.HashMap<>();
        Map<SocketChannel, String> lines = new java.util.HashMap<>();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try (Selector selector = Selector.open()) {
            for (SocketChannel client : clients) {
                client.register(selector, SelectionKey.OP_READ);
            }
            long deadline = System.nanoTime() + within.toNanos();
            while (lines.size() < expected && System.nanoTime() < deadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel client = (SocketChannel) key.channel();
                    buffer.clear();
                    int read = client.read(buffer);
                    java.io.ByteArrayOutputStream line = partial.computeIfAbsent(client,
                            c -> new java.io.ByteArrayOutputStream());
                    for (int i = 0; i < Math.max(read, 0) && !lines.containsKey(client); i++) {
                        byte b = buffer.get(i);
                        if (b == '\n') {
                            lines.put(client, line.toString(StandardCharsets.UTF_8));
                        } else {
                            line.write(b);
                        }
                    }
                    if (read < 0 || lines.containsKey(client)) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        for (SocketChannel client : clients) {
            client.configureBlocking(false); // deregistered when the selector closed; still non-blocking
        }
        return lines;
    }

    @Test
    void eventsAreStreamedUntilTheClientCloses() throws Exception {
        try (Client client = new Client(socket)) {
            assertEquals(true, client.ask("{\"cmd\":\"events\"}").get("ok"));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (events.subscribers() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            events.publish(Map.of("event", "reload"));
            assertEquals("reload", Json.parseObject(client.in.readLine()).get("event"));
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (events.subscribers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, events.subscribers());
    }

    @Test
    void aSecondServerOnALiveSocketIsRefused() {
        ControlServer.ControlSocketException e = assertThrows(ControlServer.ControlSocketException.class,
                () -> ControlServer.start(socket, Optional.empty(), new ControlProtocol(service,
                        new Permissions(Optional.empty(), dir, dir)), events, ControlServer.Limits.DEFAULT));
        assertTrue(e.getMessage().contains("another hakeeperd"), e.getMessage());
    }

    @Test
    void closingWakesTheAcceptingThreadAndRemovesTheSocket() throws Exception {
        long accepting = acceptingThreads();
        server.close();
        assertFalse(Files.exists(socket), "the socket file outlived its server");
        assertEquals(accepting - 1, acceptingThreads(), "the accepting thread is still blocked in accept");
    }

    private static long acceptingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("hakeeper-control-accept") && thread.isAlive()).count();
    }

    @Test
    void aStaleSocketIsReplaced() throws IOException {
        server.close();
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        server = ControlServer.start(stale, Optional.empty(), new ControlProtocol(service,
                new Permissions(Optional.empty(), dir, dir)), events, ControlServer.Limits.DEFAULT);
        try (Client client = new Client(stale)) {
            assertEquals(true, client.ask("{\"cmd\":\"status\"}").get("ok"));
        }
    }
}
