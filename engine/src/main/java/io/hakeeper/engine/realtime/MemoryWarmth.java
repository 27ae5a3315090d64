package io.hakeeper.engine.realtime;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Reads one byte of every page the process has in memory, on a thread of its own, when a takeover may be
 * near: then the takeover finds its memory warm.
 *
 * <p>Why: a virtual machine's host may age or reclaim the memory its guest has left untouched for a while,
 * and the guest pays at the next touch. Measured on the 2-vCPU virtual machine this project is benchmarked
 * on (a throwaway program touching 64 MiB after an idle spell): the first touch of a 2 MiB range left alone
 * for 4 s cost ~100 µs, each 4 KiB page in it ~2.5 µs more, against 0.2 µs after 50 ms; the cost grows from
 * about 0.4 s of idleness on, and touching the same memory through another mapping keeps it warm, so it
 * follows the memory, not the address. A backup that waited seconds for its master pays this for every page
 * its takeover touches (the interpreter and compiled code of the takeover path, its classes, the heap it
 * allocates from, the stacks of the VIP and announcer threads): at VRRPv2's 1 s interval 1-5 ms on the way
 * to its first advert and more to its first gratuitous ARP, where keepalived, a far smaller process,
 * paid ~1 ms. A pass a few milliseconds before the takeover removes it.
 *
 * <p>Only pages already mapped in memory are read (the present bit of {@code /proc/self/pagemap}; not
 * {@code mincore}, which also counts a file's pages that other processes keep in the page cache), so
 * nothing is paged in and the resident set does not grow; the reads go through {@code process_vm_readv} on our own process, so a page unmapped since
 * it was seen fails that read with EFAULT instead of faulting. A pass costs a few milliseconds of one CPU
 * (a syscall per 1,024 pages); it runs only when asked ({@link #beforeTakeover}), at most once per
 * {@link #MIN_GAP_NANOS}, never in a steady state.
 */
public final class MemoryWarmth {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryWarmth.class);
    /** Passes asked for closer together than this are one: 1,000 instances near their takeover ask once. */
    static final long MIN_GAP_NANOS = 100_000_000L;
    /** How long the thread sleeps between checks when nothing is asked: every wait is bounded. */
    private static final long IDLE_PARK_NANOS = 60_000_000_000L;
    /** Pages read per process_vm_readv. IOV_MAX is 1,024. */
    private static final int BATCH = 1024;
    /** Pages asked about per read of the page map, so its buffer stays small whatever a mapping's size. */
    private static final int CHUNK_PAGES = 16_384;

    private static final MemoryWarmth INSTANCE = new MemoryWarmth();

    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong pagesRead = new AtomicLong();
    private volatile long lastPassMicros;
    private volatile long lastPassPages;
    private volatile boolean asked;
    private volatile Thread thread;
    /** When the last pass ended (System.nanoTime), once {@link #passes} is above 0. */
    private volatile long lastPassEnd;

    // the pass's buffers, made once, used by the warm thread only
    private byte[] maps = new byte[64 * 1024];
    private final ByteBuffer pageMapEntries = ByteBuffer.allocate(CHUNK_PAGES * 8).order(ByteOrder.LITTLE_ENDIAN);
    private RandomAccessFile pageMap;
    private final long[] remote = new long[2 * BATCH];
    private final long[] local = new long[2];
    private Memory sink;
    private int batched;
    private long readThisPass;

    private MemoryWarmth() {
    }

    /** The process's one warmer. */
    public static MemoryWarmth process() {
        return INSTANCE;
    }

    /**
     * A takeover may come in a few milliseconds: warm the process's memory now, on the warm thread (started
     * at the first call). Returns at once; allocates nothing after the first call. Any thread.
     */
    public void beforeTakeover() {
        Thread warmer = thread;
        if (warmer == null) {
            warmer = start();
        }
        asked = true;
        LockSupport.unpark(warmer);
    }

    /** Passes made since start. */
    public long passes() {
        return passes.get();
    }

    /** Pages read by every pass since start. */
    public long pagesRead() {
        return pagesRead.get();
    }

    /** How long the last pass took, µs; 0 before the first. */
    public long lastPassMicros() {
        return lastPassMicros;
    }

    /** Pages the last pass read. */
    public long lastPassPages() {
        return lastPassPages;
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread warmer = new Thread(this::run, "hakeeper-warm");
            warmer.setDaemon(true);
            warmer.start();
            thread = warmer;
        }
        return thread;
    }

    private void run() {
        while (true) {
            if (!asked) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            asked = false;
            if (passes.get() > 0 && System.nanoTime() - lastPassEnd < MIN_GAP_NANOS) {
                continue;
            }
            try {
                pass();
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                // a kernel without /proc/self/pagemap fails every time: said once, then no more passes
                LOG.warn("cannot warm the process's memory before takeovers ({}); takeovers after a long wait may"
                        + " come a few milliseconds later on a virtual machine", e.toString());
                return; // the thread ends: later asks unpark a finished thread, which does nothing
            }
            LOG.debug("warmed {} pages in {} µs before a takeover", lastPassPages, lastPassMicros);
        }
    }

    /** One pass: every readable mapping, every page of it in memory, one byte each. Warm thread only. */
    synchronized void pass() throws IOException {
        long start = System.nanoTime();
        if (sink == null) {
            sink = new Memory(BATCH);
            pageMap = new RandomAccessFile("/proc/self/pagemap", "r");
        }
        local[0] = Pointer.nativeValue(sink);
        batched = 0;
        readThisPass = 0;
        int length = readMaps();
        long pageSize = RealtimeLibC.getpagesize();
        int line = 0;
        while (line < length) {
            int end = line;
            while (end < length && maps[end] != '\n') {
                end++;
            }
            warmMapping(line, end, pageSize);
            line = end + 1;
        }
        flush();
        lastPassPages = readThisPass;
        pagesRead.addAndGet(readThisPass);
        passes.incrementAndGet();
        lastPassEnd = System.nanoTime();
        lastPassMicros = (lastPassEnd - start) / 1_000;
    }

    /** {@code 7f0c1000-7f0c3000 r-xp 00000000 08:01 1234   /path}: the range, if its permissions start with r. */
    private void warmMapping(int from, int to, long pageSize) throws IOException {
        int i = from;
        long start = 0;
        while (i < to && maps[i] != '-') {
            start = (start << 4) | hexDigit(maps[i++]);
        }
        i++;
        long end = 0;
        while (i < to && maps[i] != ' ') {
            end = (end << 4) | hexDigit(maps[i++]);
        }
        i++;
        if (i >= to || maps[i] != 'r' || end <= start) {
            return;
        }
        for (long chunk = start; chunk < end; chunk += CHUNK_PAGES * pageSize) {
            long bytes = Math.min(CHUNK_PAGES * pageSize, end - chunk);
            int pages = (int) (bytes / pageSize);
            pageMap.seek(chunk / pageSize * 8);
            int read = pageMap.read(pageMapEntries.array(), 0, pages * 8);
            if (read < pages * 8) {
                return; // not a range the kernel keeps pages for ([vsyscall]), or gone meanwhile
            }
            for (int page = 0; page < pages; page++) {
                if (pageMapEntries.getLong(page * 8) < 0) { // bit 63: present
                    queue(chunk + page * pageSize);
                }
            }
        }
    }

    private void queue(long address) throws IOException {
        remote[2 * batched] = address;
        remote[2 * batched + 1] = 1;
        if (++batched == BATCH) {
            flush();
        }
    }

    /** Reads one byte at each address as a pass does; how many were read. For tests. */
    synchronized long readEach(long... addresses) throws IOException {
        if (sink == null) {
            sink = new Memory(BATCH);
        }
        local[0] = Pointer.nativeValue(sink);
        readThisPass = 0;
        for (long address : addresses) {
            queue(address);
        }
        flush();
        return readThisPass;
    }

    /**
     * Reads the pages queued. A read stops at the first page it cannot read (unmapped since the page map was
     * read, or one the kernel maps without pages of its own, as [vvar]); it goes on from the page after.
     */
    private void flush() throws IOException {
        int pid = RealtimeLibC.getpid();
        while (batched > 0) {
            local[1] = batched;
            long read = RealtimeLibC.process_vm_readv(pid, local, 1, remote, batched, 0);
            if (read < 0 && Kernel.errno() != Kernel.EFAULT) {
                batched = 0;
                throw new IOException("process_vm_readv: " + Kernel.describe(Kernel.errno()));
            }
            if (read >= batched) {
                readThisPass += read;
                break;
            }
            int done = (int) Math.max(0, read);
            readThisPass += done;
            int skipped = done + 1;
            System.arraycopy(remote, 2 * skipped, remote, 0, 2 * (batched - skipped));
            batched -= skipped;
        }
        batched = 0;
    }

    private int readMaps() throws IOException {
        try (InputStream in = new FileInputStream("/proc/self/maps")) {
            int length = 0;
            while (true) {
                if (length == maps.length) {
                    byte[] larger = new byte[maps.length * 2];
                    System.arraycopy(maps, 0, larger, 0, length);
                    maps = larger;
                }
                int n = in.read(maps, length, maps.length - length);
                if (n < 0) {
                    return length;
                }
                length += n;
            }
        }
    }

    private static int hexDigit(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
