package io.hakeeper.plugin.notify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.Transition;

/**
 * Writes keepalived's FIFO lines ({@link FifoLine}) to a named pipe.
 *
 * <p>The FIFO is opened for reading and writing, as keepalived opens it. Opening a FIFO write-only blocks
 * until some process opens it for reading, and Java has no way to ask for O_NONBLOCK; opened read-write,
 * Linux never blocks the open (we are a reader ourselves), and the pipe never breaks when the reader goes
 * away. The price, the same as keepalived's: lines written while nobody reads wait in the pipe (64 KiB on
 * Linux) and reach the next reader. When that buffer is full, a write blocks until the engine's timeout
 * interrupts it, which closes the channel; the next transition opens the FIFO again.
 *
 * <p>Each line is one write of less than PIPE_BUF bytes, so a line is never interleaved with another
 * writer's.
 */
final class FifoNotifier implements Notifier {

    private final Path path;
    private FileChannel channel;

    FifoNotifier(Path path) {
        this.path = path;
    }

    @Override
    public void notify(Transition transition) throws IOException, InterruptedException {
        Optional<byte[]> line = FifoLine.of(transition);
        if (line.isEmpty()) {
            return;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.get());
            FileChannel out = open();
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // A closed-by-interrupt or otherwise broken channel is reopened on the next transition.
            close();
            throw e;
        }
    }

    private FileChannel open() throws IOException, InterruptedException {
        if (channel == null || !channel.isOpen()) {
            if (Files.notExists(path)) {
                makeFifo();
            }
            if (Files.isRegularFile(path) || Files.isDirectory(path)) {
                throw new IOException(path + " exists and is not a FIFO");
            }
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    /** mkfifo(1): the JDK cannot make a FIFO, and this runs once, off the event loop. */
    private void makeFifo() throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0600", path.toString())
                .redirectErrorStream(true).start();
        if (!mkfifo.waitFor(5, TimeUnit.SECONDS)) {
            mkfifo.destroyForcibly();
            throw new IOException("mkfifo " + path + " did not finish");
        }
        if (mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed: "
                    + new String(mkfifo.getInputStream().readAllBytes()).trim());
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
