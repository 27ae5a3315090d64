package io.hakeeper.engine.runtime;

import io.hakeeper.engine.vrrp.packet.AdvertVerdict;
import io.hakeeper.engine.vrrp.packet.AdvertView;

/**
 * The last advert heard from each router on one instance's VRID, for {@code ha-admin instance} and
 * {@code peers}: its source, priority, interval, when, and whether it passed the receive checks. A fixed
 * number of slots with their address bytes pre-allocated, so that recording allocates nothing; when every
 * slot is taken the oldest entry gives way. Loop thread only.
 */
public final class PeerTable {

    static final int SLOTS = 8;

    private final byte[][] addresses = new byte[SLOTS][16];
    private final int[] addressLengths = new int[SLOTS];
    private final int[] priorities = new int[SLOTS];
    private final int[] intervals = new int[SLOTS];
    private final long[] heardAt = new long[SLOTS];
    private final boolean[] accepted = new boolean[SLOTS];
    private final AdvertVerdict[] verdicts = new AdvertVerdict[SLOTS];
    private final long[] adverts = new long[SLOTS];
    private final byte[] scratch = new byte[16];
    private int used;
    /** The slot of the last accepted advert with a priority above 0: who we believe is master. */
    private int master = -1;

    /** One peer as a snapshot, made on the loop and read anywhere. */
    public record Peer(byte[] address, int priority, int intervalCentiseconds, long heardAtNanos, boolean accepted,
                       AdvertVerdict verdict, long adverts) {
    }

    void record(AdvertView view, AdvertVerdict verdict, long nowNanos) {
        int length = view.addressLength();
        view.copySource(scratch);
        int slot = find(length);
        if (slot < 0) {
            slot = used < SLOTS ? used++ : oldest();
            System.arraycopy(scratch, 0, addresses[slot], 0, length);
            addressLengths[slot] = length;
            adverts[slot] = 0;
            if (slot == master) {
                master = -1;
            }
        }
        priorities[slot] = view.priority();
        intervals[slot] = view.intervalCentiseconds();
        heardAt[slot] = nowNanos;
        accepted[slot] = verdict.isAccepted();
        verdicts[slot] = verdict;
        adverts[slot]++;
        if (verdict.isAccepted()) {
            if (view.priority() > 0) {
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

    private int find(int length) {
        for (int slot = 0; slot < used; slot++) {
            if (addressLengths[slot] == length && same(addresses[slot], length)) {
                return slot;
            }
        }
        return -1;
    }

    private boolean same(byte[] address, int length) {
        for (int i = 0; i < length; i++) {
            if (address[i] != scratch[i]) {
                return false;
            }
        }
        return true;
    }

    private int oldest() {
        int oldest = 0;
        for (int slot = 1; slot < SLOTS; slot++) {
            if (heardAt[slot] < heardAt[oldest]) {
                oldest = slot;
            }
        }
        return oldest;
    }

    /** Every peer heard, oldest slot first (allocates: for the control plane). */
    public java.util.List<Peer> snapshot() {
        java.util.List<Peer> peers = new java.util.ArrayList<>(used);
        for (int slot = 0; slot < used; slot++) {
            peers.add(peer(slot));
        }
        return peers;
    }

    /** The peer whose last accepted advert claimed mastership, if any. */
    public java.util.Optional<Peer> master() {
        return master < 0 ? java.util.Optional.empty() : java.util.Optional.of(peer(master));
    }

    private Peer peer(int slot) {
        return new Peer(java.util.Arrays.copyOf(addresses[slot], addressLengths[slot]), priorities[slot],
                intervals[slot], heardAt[slot], accepted[slot], verdicts[slot], adverts[slot]);
    }
}
