package io.hakeeper.plugin.garp;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Each interface's Ethernet address, read at most once per {@link #REFRESH_NANOS} per interface. The JDK's
 * {@code NetworkInterface.getByName} lists every address of every interface on each call, so reading the
 * MAC per announcement made a burst of 1,000 new masters (1,000 VIPs on the host) quadratic. A MAC changes
 * rarely and never silently for long: the entry is dropped when a send on the interface fails (the link
 * went away), and re-read after a second anyway. Not thread-safe: the announcer serialises its calls.
 */
final class MacAddresses {

    /** How long a MAC read is trusted: a changed MAC is announced within this. */
    static final long REFRESH_NANOS = 1_000_000_000L;

    /** Reads an interface's MAC from the system. */
    @FunctionalInterface
    interface Reader {
        byte[] read(String interfaceName) throws IOException;
    }

    private record Entry(byte[] mac, long readAtNanos) {
    }

    private final Reader reader;
    private final LongSupplier clock;
    private final Map<String, Entry> byInterface = new HashMap<>();

    MacAddresses(Reader reader, LongSupplier clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /** The interface's MAC, from the last read when it is recent enough. The caller must not change it. */
    byte[] of(String interfaceName) throws IOException {
        long now = clock.getAsLong();
        Entry entry = byInterface.get(interfaceName);
        if (entry == null || now - entry.readAtNanos() >= REFRESH_NANOS) {
            entry = new Entry(reader.read(interfaceName), now);
            byInterface.put(interfaceName, entry);
        }
        return entry.mac();
    }

    /** Forgets the interface's MAC: the next call reads it again. */
    void forget(String interfaceName) {
        byInterface.remove(interfaceName);
    }
}
