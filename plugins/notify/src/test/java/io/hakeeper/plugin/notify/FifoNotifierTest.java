package io.hakeeper.plugin.notify;

import static io.hakeeper.api.VrrpState.BACKUP;
import static io.hakeeper.api.VrrpState.FAULT;
import static io.hakeeper.api.VrrpState.INIT;
import static io.hakeeper.api.VrrpState.MASTER;
import static io.hakeeper.api.VrrpState.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.MapSettings;
import io.hakeeper.api.Notifier;
import io.hakeeper.api.PluginContext;

/** A real FIFO, made by the notifier with mkfifo and read by a test thread as a keepalived FIFO reader would. */
class FifoNotifierTest {

    @TempDir
    Path dir;

    private Notifier notifier(String path) {
        return new FifoNotifierFactory().create(MapSettings.of("path", path), new PluginContext("global_defs", "lb1", dir));
    }

    @Test
    void aReaderReceivesKeepalivedsExactLinesInOrder() throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        Notifier notifier = notifier("notify.fifo");
        notifier.notify(Transitions.instance("VI_1", INIT, BACKUP, 100));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "mkfifo made " + fifo);

        // The first line waits in the pipe for the reader, as keepalived's lines do. The reader opens
        // here, before the notifier closes: a pipe with no open end left drops what it holds.
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(new FileInputStream(fifo.toFile()), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> readLines(reader, 5));
        notifier.notify(Transitions.instance("VI_1", BACKUP, MASTER, 150));
        notifier.notify(Transitions.group("G1", BACKUP, MASTER));
        notifier.notify(Transitions.instance("VI_2", MASTER, INIT, 90));
        notifier.notify(Transitions.instance("VI_1", MASTER, FAULT, 0));
        notifier.notify(Transitions.group("G1", MASTER, STOP));
        notifier.close();

        assertEquals(List.of(
                "INSTANCE \"VI_1\" BACKUP 100",
                "INSTANCE \"VI_1\" MASTER 150",
                "GROUP \"G1\" MASTER 0",
                "INSTANCE \"VI_1\" FAULT 0",
                "GROUP \"G1\" STOP 0"), read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void writingWithNobodyReadingNeverBlocks() {
        Notifier notifier = notifier(dir.resolve("unread.fifo").toString());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 100; i++) {
                notifier.notify(Transitions.instance("VI_1", BACKUP, MASTER, 100));
            }
            notifier.close();
        });
    }

    @Test
    void aRegularFileInTheWayIsAnError() throws IOException {
        Files.writeString(dir.resolve("plain"), "");
        Notifier notifier = notifier("plain");
        IOException error = assertThrows(IOException.class,
                () -> notifier.notify(Transitions.instance("VI_1", BACKUP, MASTER, 100)));
        assertTrue(error.getMessage().contains("not a FIFO"), error.getMessage());
    }

    private static List<String> readLines(BufferedReader reader, int count) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = reader) {
            while (lines.size() < count) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return lines;
    }
}
