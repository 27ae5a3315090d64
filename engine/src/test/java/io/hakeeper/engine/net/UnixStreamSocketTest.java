package io.hakeeper.engine.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket's libc layer against the JDK's own Unix channels as the client: what the JDK's
 * server side cannot do (the peer's pid, time-outs on a blocking read and write, waking a blocked
 * accept) and its refusals. No network namespace: a Unix socket in a temporary directory.
 */
class UnixStreamSocketTest {

    @TempDir
    Path directory;

    private UnixStreamSocket server;
    private UnixStreamSocket accepted;

    @AfterEach
    void close() {
        if (accepted != null) {
            accepted.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aConnectionCarriesBytesBothWaysAndThePeersPid() throws Exception {
        try (SocketChannel client = connected()) {
            UnixStreamSocket.Credentials peer = accepted.peerCredentials();
            assertEquals(ProcessHandle.current().pid(), peer.pid());
            assertEquals(uidOfThisProcess(), peer.uid());

            client.write(ByteBuffer.wrap("ping\n".getBytes(StandardCharsets.US_ASCII)));
            byte[] got = new byte[64];
            int read = accepted.read(got);
            assertEquals("ping\n", new String(got, 0, read, StandardCharsets.US_ASCII));

            accepted.write("pong\n".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer answer = ByteBuffer.allocate(5);
            while (answer.hasRemaining() && client.read(answer) >= 0) {
                // until the five bytes are in
            }
            assertArrayEquals("pong\n".getBytes(StandardCharsets.US_ASCII), answer.array());
        }
        assertEquals(-1, accepted.read(new byte[8]), "the client's close is the end of the stream");
    }

    @Test
    void aReadThatWaitsPastTheTimeOutAnswersZeroAndAReadNowNeverWaits() throws Exception {
        try (SocketChannel client = connected()) {
            assertEquals(0, accepted.readNow(new byte[8]), "nothing has come");
            accepted.timeouts(Duration.ofMillis(200));
            assertEquals(0, accepted.read(new byte[8]), "the client sent nothing within the time-out");
        }
    }

    @Test
    void aWriteToAClientThatDoesNotReadFailsAfterTheTimeOut() throws Exception {
        try (SocketChannel client = connected()) {
            accepted.timeouts(Duration.ofMillis(200));
            // far more than the socket buffers of both ends hold
            IOException e = assertThrows(IOException.class, () -> accepted.write(new byte[32 * 1024 * 1024]));
            assertTrue(e.getMessage().contains("does not read"), e.getMessage());
        }
    }

    @Test
    void aShutdownWakesABlockedAccept() throws Exception {
        server = UnixStreamSocket.listen(directory.resolve("s.sock"), 4);
        CompletableFuture<UnixStreamSocket> accepting = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(accepting.isDone(), "accept returned with no client");
        server.shutdown();
        ExecutionException woken = assertThrows(ExecutionException.class, () -> accepting.get(5, TimeUnit.SECONDS));
        assertTrue(woken.getCause().getMessage().contains("accept4: "), woken.getCause().getMessage());
    }

    @Test
    void aPathTooLongForTheAddressIsRefusedByName() {
        Path path = directory.resolve("x".repeat(120) + ".sock");
        IOException e = assertThrows(IOException.class, () -> UnixStreamSocket.listen(path, 4));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("107 bytes"), e.getMessage());
        assertFalse(Files.exists(path));
    }

    @Test
    void aPathAlreadyTakenIsRefusedWithTheKernelsReason() throws Exception {
        Path path = directory.resolve("taken");
        Files.writeString(path, "not a socket");
        IOException e = assertThrows(IOException.class, () -> UnixStreamSocket.listen(path, 4));
        assertTrue(e.getMessage().startsWith("bind (" + path + ")") && e.getMessage().contains("in use"),
                e.getMessage());
    }

    /** A server listening in the test's directory, a client connected to it, and the server's end of it. */
    private SocketChannel connected() throws IOException {
        Path path = directory.resolve("s.sock");
        server = UnixStreamSocket.listen(path, 4);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        accepted = server.accept();
        return channel;
    }

    private static int uidOfThisProcess() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }
}
