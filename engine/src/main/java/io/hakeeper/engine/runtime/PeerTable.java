package io.hakeeper.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * The last advert heard from each router on one instance's VRID, for {@code ha-admin instance} and
 * {@code peers}: its source, priority, interval, when, and whether it passed the receive checks. A fixed
 * number of slots, all in one {@code long[]}, a slot's words side by side: recording an advert allocates
 * nothing and touches one or two cache lines, where a column per field cost a cold line per column at
 * 1,000 instances. When every slot is taken the oldest entry gives way. Loop thread only.
 */
public final class PeerTable {

    static final int SLOTS = 8;

    // the words of one slot: the address as two big-endian halves, the time heard, the adverts heard, and
    // the small fields packed as described at FIELDS
    private static final int ADDRESS_HIGH = 0;
    private static final int ADDRESS_LOW = 1;
    private static final int HEARD_AT = 2;
    private static final int ADVERTS = 3;
    /** Address length (bits 0-7), priority (8-15), interval in centiseconds (16-31), verdict (32-39). */
    private static final int FIELDS = 4;
    private static final int WORDS = 5;
    private static final AdvertVerdict[] VERDICTS = AdvertVerdict.values();

    private final long[] slots = new long[SLOTS * WORDS];
    private int used;
    /** The slot of the last accepted advert with a priority above 0: who we believe is master. */
    private int master = -1;

    /** One peer as a snapshot, made on the loop and read anywhere. */
    public record Peer(byte[] address, int priority, int intervalCentiseconds, long heardAtNanos, boolean accepted,
                       AdvertVerdict verdict, long adverts) {
    }

    void record(AdvertView view, AdvertVerdict verdict, long nowNanos) {
        long high = view.sourceWord(0);
        long low = view.sourceWord(1);
        int length = view.addressLength();
        int slot = find(high, low, length);
        if (slot < 0) {
            slot = used < SLOTS ? used++ : oldest();
            slots[slot * WORDS + ADDRESS_HIGH] = high;
            slots[slot * WORDS + ADDRESS_LOW] = low;
            slots[slot * WORDS + ADVERTS] = 0;
            if (slot == master) {
                master = -1;
            }
        }
        int base = slot * WORDS;
        int priority = view.priority();
        slots[base + HEARD_AT] = nowNanos;
        slots[base + ADVERTS]++;
        slots[base + FIELDS] = length | priority << 8 | (long) view.intervalCentiseconds() << 16
                | (long) verdict.ordinal() << 32;
        if (verdict.isAccepted()) {
            if (priority > 0) {
                master = slot;
            } else if (slot == master) {
                master = -1;
            }
        }
    }

    /** We became master: whoever we heard before is no longer the master we follow. */
    void forgetMaster() {
        master = -1;
    }

    private int find(long high, long low, int length) {
        for (int slot = 0; slot < used; slot++) {
            int base = slot * WORDS;
            if (slots[base + ADDRESS_HIGH] == high && slots[base + ADDRESS_LOW] == low
                    && (int) (slots[base + FIELDS] & 0xff) == length) {
                return slot;
            }
        }
        return -1;
    }

    private int oldest() {
        int oldest = 0;
        for (int slot = 1; slot < SLOTS; slot++) {
            if (slots[slot * WORDS + HEARD_AT] < slots[oldest * WORDS + HEARD_AT]) {
                oldest = slot;
            }
        }
        return oldest;
    }

    /** Every peer heard, oldest slot first (allocates: for the control plane). */
    public List<Peer> snapshot() {
        List<Peer> peers = new ArrayList<>(used);
        for (int slot = 0; slot < used; slot++) {
            peers.add(peer(slot));
        }
        return peers;
    }

    /** The peer whose last accepted advert claimed mastership, if any. */
    public Optional<Peer> master() {
        return master < 0 ? Optional.empty() : Optional.of(peer(master));
    }

    private Peer peer(int slot) {
        int base = slot * WORDS;
        long fields = slots[base + FIELDS];
        byte[] address = new byte[(int) (fields & 0xff)];
        for (int i = 0; i < address.length; i++) {
            long half = slots[base + (i < 8 ? ADDRESS_HIGH : ADDRESS_LOW)];
            address[i] = (byte) (half >>> (56 - 8 * (i % 8)));
        }
        AdvertVerdict verdict = VERDICTS[(int) (fields >>> 32 & 0xff)];
        return new Peer(address, (int) (fields >>> 8 & 0xff), (int) (fields >>> 16 & 0xffff), slots[base + HEARD_AT],
                verdict.isAccepted(), verdict, slots[base + ADVERTS]);
    }
}
