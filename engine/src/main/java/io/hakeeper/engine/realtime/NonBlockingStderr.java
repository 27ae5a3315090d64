package io.hakeeper.engine.realtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon's stderr, written by a thread of its own, so that no other thread ever waits for it. Under
 * systemd stderr is a stream socket to journald, and when journald stops reading (busy, restarting, its
 * disk full) the socket fills and a write blocks until it reads again; the same happens to a pipe into a
 * reader that stalls. A blocked event loop sends no advert: its backups would take over from a master
 * that only wanted to log a line, and 1,000 instances starting log 1,000 lines at once.
 *
 * <p>Writes are copied into a bounded buffer ({@link #CAPACITY}) and return at once; the writer thread
 * empties it into file descriptor 2. A write that does not fit is dropped whole (a logged line arrives as
 * one write) and counted ({@code ha-admin stats}: {@code loop.log_lines_dropped}); once stderr takes
 * bytes again, a line says how many went. Order is kept: one buffer, one writer.
 */
public final class NonBlockingStderr extends OutputStream {

    /** About 2,500 log lines: the lines of 1,000 instances starting, held while stderr is stuck. */
    static final int CAPACITY = 256 * 1024;
    private static final int CHUNK = 16 * 1024;
    private static volatile NonBlockingStderr installed;

    private final OutputStream target;
    private final byte[] ring;
    private final Thread writer;
    /**
     * Bytes taken so far and bytes written so far: the buffer holds those between the two, at their
     * positions modulo its size. Only writers of lines move the first (one at a time, under
     * {@link #producers}), only the writer thread the second, so neither ever waits for the other. A lock
     * shared with the writer, which runs at nice 19 and may wait long for a CPU, would hold the event loop
     * as long: under stress-ng, a build with such a lock had its loop stall for up to 92 ms.
     */
    private volatile long accepted;
    private volatile long written;
    private final Object producers = new Object();
    private final AtomicLong droppedWrites = new AtomicLong();
    /** Writer thread only: how many of {@link #droppedWrites} it has said. */
    private long droppedSaid;

    NonBlockingStderr(OutputStream target, int capacity) {
        this.target = target;
        this.ring = new byte[capacity];
        this.writer = new Thread(this::drain, "hakeeper-stderr");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Makes {@link System#err} this stream, over file descriptor 2, before anything logs: the logger
     * (slf4j-simple) looks {@code System.err} up at every line. Once per process.
     */
    public static synchronized void install() {
        if (installed == null) {
            installed = new NonBlockingStderr(new FileOutputStream(FileDescriptor.err), CAPACITY);
            System.setErr(new PrintStream(installed, true, StandardCharsets.UTF_8));
        }
    }

    /** Log writes dropped because stderr did not take them in time; 0 when not installed. */
    public static long dropped() {
        NonBlockingStderr stream = installed;
        return stream == null ? 0 : stream.droppedWrites();
    }

    /**
     * Waits until what was written so far has reached stderr, at most {@code timeout}: at exit, so that the
     * last lines (the resignation's) are not lost with the process. Nothing to wait for when not installed.
     */
    public static boolean flushInstalled(Duration timeout) throws InterruptedException {
        NonBlockingStderr stream = installed;
        return stream == null || stream.flush(timeout);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        synchronized (producers) {
            long tail = accepted;
            if (length > ring.length - (tail - written)) {
                droppedWrites.incrementAndGet();
                return;
            }
            int at = (int) (tail % ring.length);
            int first = Math.min(length, ring.length - at);
            System.arraycopy(bytes, offset, ring, at, first);
            System.arraycopy(bytes, offset + first, ring, 0, length - first);
            accepted = tail + length;
        }
        LockSupport.unpark(writer);
    }

    /** Nothing to do: the writer thread writes as soon as it can. */
    @Override
    public void flush() {
    }

    long droppedWrites() {
        return droppedWrites.get();
    }

    /** Bytes waiting for stderr. */
    int waiting() {
        return (int) (accepted - written);
    }

    /** Waits until the bytes accepted so far are written, at most {@code timeout}; false if not. */
    boolean flush(Duration timeout) throws InterruptedException {
        long target = accepted;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written < target) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private void drain() {
        yieldToTheDaemon();
        while (true) {
            long head = written;
            long tail = accepted;
            if (head == tail) {
                sayDropped();
                LockSupport.park(this);
                continue;
            }
            int at = (int) (head % ring.length);
            int length = (int) Math.min(Math.min(tail - head, CHUNK), ring.length - at);
            writeQuietly(ring, at, length);
            written = head + length;
            sayDropped();
        }
    }

    /** Once stderr takes bytes again, how many lines went since the last time this was said. */
    private void sayDropped() {
        long lost = droppedWrites.get();
        if (lost != droppedSaid) {
            byte[] notice = ("hakeeperd: " + (lost - droppedSaid) + " log lines dropped: stderr did not take"
                    + " them in time (ha-admin stats: loop.log_lines_dropped)\n").getBytes(StandardCharsets.UTF_8);
            writeQuietly(notice, 0, notice.length);
            droppedSaid = lost;
        }
    }

    /**
     * Nice 19 for this thread: a line is written when a CPU has nothing better to do. A takeover logs its
     * transition while the VIP thread adds the address and sends the first gratuitous ARP; woken at normal
     * priority, this thread took one of the two CPUs from them: in the takeover benchmark the first ARP's
     * p90 was 1.2-2.3 ms with it, 0.66-0.69 ms at nice 19. Under a load that leaves it no CPU, lines wait
     * in the buffer, and past its size are dropped and counted, never waited for. Left as it is if refused.
     */
    private static void yieldToTheDaemon() {
        LowestPriority.forCurrentThread();
    }

    private void writeQuietly(byte[] bytes, int offset, int length) {
        try {
            target.write(bytes, offset, length);
        } catch (IOException e) {
            // stderr closed or broken: the bytes are lost, as they would be with a plain stream
        }
    }
}
