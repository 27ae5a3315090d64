package io.hakeeper.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The daemon's stderr never makes a logging thread wait: lines reach stderr in order through the writer
 * thread, a stderr that blocks (a stalled journald) costs lines, counted and said later, never a wait.
 */
class NonBlockingStderrTest {

    @Test
    void linesReachStderrInOrderAndFlushWaitsForThem() throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        NonBlockingStderr stream = new NonBlockingStderr(gated(stderr, new CountDownLatch(0)), 1024);
        PrintStream err = new PrintStream(stream, true, StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            // more than the buffer holds in all, never more than it holds at once unless the writer falls behind
            err.println("VI_" + i + ": BACKUP -> MASTER");
            expected.append("VI_").append(i).append(": BACKUP -> MASTER\n");
            awaitRoom(stream, 64);
        }
        assertTrue(stream.flush(Duration.ofSeconds(5)), "500 lines not written within 5 s");
        assertEquals(expected.toString(), text(stderr));
        assertEquals(0, stream.droppedWrites());
    }

    @Test
    void aBlockedStderrCostsLinesNeverAWaitAndTheLossIsSaidOnceItMoves() throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        CountDownLatch journaldReads = new CountDownLatch(1);
        NonBlockingStderr stream = new NonBlockingStderr(gated(stderr, journaldReads), 100);
        PrintStream err = new PrintStream(stream, true, StandardCharsets.UTF_8);
        err.println("first line, which the writer takes and is stuck on");
        long began = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            err.println("line " + i + " of twenty bytes");
        }
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(1), "logging waited for a blocked stderr");
        // the stuck line holds 52 of the 100 bytes until it is written: 2 lines of 23 fit beside it
        assertEquals(8, stream.droppedWrites());
        assertFalse(stream.flush(Duration.ofMillis(50)), "flush said a blocked stderr had taken everything");
        journaldReads.countDown();
        assertTrue(stream.flush(Duration.ofSeconds(5)));
        awaitText(stderr, "8 log lines dropped");
        // where the notice falls among the lines depends on when the writer woke: the lines keep their order
        String notice = "hakeeperd: 8 log lines dropped: stderr did not take them in time (ha-admin stats: "
                + "loop.log_lines_dropped)";
        List<String> lines = new ArrayList<>(text(stderr).lines().toList());
        assertTrue(lines.remove(notice), "no notice of the dropped lines: " + lines);
        assertEquals(List.of("first line, which the writer takes and is stuck on", "line 0 of twenty bytes",
                "line 1 of twenty bytes"), lines);
    }

    @Test
    void theWriterRunsAtNice19SoThatATakeoversThreadsGoFirst() throws Exception {
        new NonBlockingStderr(new ByteArrayOutputStream(), 64);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Integer> nices = writersNice();
        while (!nices.contains(19) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            nices = writersNice();
        }
        assertTrue(nices.contains(19), "no hakeeper-stderr thread at nice 19: " + nices);
    }

    /** The nice level of every thread of this process named hakeeper-stderr, from /proc. */
    private static List<Integer> writersNice() throws IOException {
        List<Integer> nices = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                if (Files.readString(task.resolve("comm")).strip().equals("hakeeper-stderr")) {
                    String stat = Files.readString(task.resolve("stat"));
                    // after the name in parentheses: state is field 3, nice field 19
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    nices.add(Integer.parseInt(fields[19 - 3]));
                }
            }
        }
        return nices;
    }

    /** A stderr that takes nothing until {@code reads} opens, as a socket to a stalled journald. */
    private static OutputStream gated(ByteArrayOutputStream into, CountDownLatch reads) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                try {
                    reads.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (into) {
                    into.write(bytes, offset, length);
                }
            }
        };
    }

    /** Until the writer has taken what is waiting down to {@code atMost} bytes... or 5 s went by. */
    private static void awaitRoom(NonBlockingStderr stream, int atMost) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stream.waiting() > atMost && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static void awaitText(ByteArrayOutputStream stderr, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!text(stderr).contains(part) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static String text(ByteArrayOutputStream stderr) {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }
}
