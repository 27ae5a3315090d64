package io.hakeeper.plugin.garp;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Each interface's Ethernet address, as last read, and read again at most once per {@link #REFRESH_NANOS}
 * per interface. The JDK's {@code NetworkInterface.getByName} lists every address of every interface on
 * each call, so reading the MAC per announcement made a burst of 1,000 new masters (1,000 VIPs on the host)
 * quadratic; and a read before each announcement put a file read between a takeover's first advert and its
 * first gratuitous ARP. So the announcer sends with the MAC it has ({@link #last}) and asks afterwards
 * whether it changed ({@link #changedFrom}), sending again if so. The entry is dropped when a send on the
 * interface fails (the link went away). Not thread-safe: the announcer serialises its calls.
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

    /** The interface's MAC as last read, however long ago; read now if never. The caller must not change it. */
    byte[] last(String interfaceName) throws IOException {
        Entry entry = byInterface.get(interfaceName);
        if (entry == null) {
            entry = read(interfaceName);
        }
        return entry.mac();
    }

    /**
     * The interface's MAC read again when the last read is {@link #REFRESH_NANOS} old, if it differs from
     * {@code sent}; null when it was not read or has not changed.
     */
    byte[] changedFrom(byte[] sent, String interfaceName) throws IOException {
        Entry entry = byInterface.get(interfaceName);
        if (entry != null && clock.getAsLong() - entry.readAtNanos() < REFRESH_NANOS) {
            return null;
        }
        byte[] now = read(interfaceName).mac();
        return Arrays.equals(now, sent) ? null : now;
    }

    /** Forgets the interface's MAC: the next call reads it again. */
    void forget(String interfaceName) {
        byInterface.remove(interfaceName);
    }

    private Entry read(String interfaceName) throws IOException {
        Entry entry = new Entry(reader.read(interfaceName), clock.getAsLong());
        byInterface.put(interfaceName, entry);
        return entry;
    }
}
