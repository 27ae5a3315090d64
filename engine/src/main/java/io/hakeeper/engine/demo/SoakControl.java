package io.hakeeper.engine.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hakeeper.engine.control.Json;

/**
 * The soak's end of a hakeeperd's control socket: one request, one answer, with a time limit, so that a
 * daemon that no longer answers is a finding rather than a soak that hangs. A Unix socket is reached by its
 * path, whatever network namespace its daemon runs in.
 */
final class SoakControl {

    /** An answer, or why there was none ({@code answer} is then null). */
    record Reply(Map<String, Object> answer, String failure) {

        boolean ok() {
            return answer != null && Boolean.TRUE.equals(answer.get("ok"));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> result() {
            return ok() ? (Map<String, Object>) answer.get("result") : Map.of();
        }

        @SuppressWarnings("unchecked")
        String errorCode() {
            if (answer == null || ok()) {
                return "";
            }
            Object error = answer.get("error");
            return error instanceof Map ? String.valueOf(((Map<String, Object>) error).get("code")) : "";
        }

        @Override
        public String toString() {
            return answer == null ? failure : Json.write(answer);
        }
    }

    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "soak-control");
        thread.setDaemon(true);
        return thread;
    });

    private SoakControl() {
    }

    static Reply call(Path socket, String command, Duration timeout) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            return new Reply(null, "cannot open a Unix socket: " + e.getMessage());
        }
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                ByteBuffer request = ByteBuffer.wrap(("{\"cmd\": \"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
                while (request.hasRemaining()) {
                    channel.write(request);
                }
                return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, CALLS);
        try {
            String answer = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer == null ? new Reply(null, "the daemon closed the connection without an answer")
                    : new Reply(Json.parseObject(answer), "");
        } catch (TimeoutException e) {
            return new Reply(null, "no answer to " + command + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Reply(null, command + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(null, "interrupted");
        } catch (RuntimeException e) {
            return new Reply(null, command + ": unreadable answer: " + e.getMessage());
        } finally {
            try {
                channel.close(); // also ends a read that is still waiting
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }
}
