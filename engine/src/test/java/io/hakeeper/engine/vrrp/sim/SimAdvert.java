package io.hakeeper.engine.vrrp.sim;

import java.util.Arrays;

import io.hakeeper.engine.vrrp.ReceivedAdvert;

/**
 * An advert on the simulated wire: what the machine reads of a real one once it passed the receive checks.
 *
 * @param reverseTieBreak test-only defect: answer address comparisons backwards, as a machine with its
 *                        election tie-break reversed would see them
 */
record SimAdvert(int virtualRouterId, int priority, int intervalCentiseconds, byte[] source, boolean reverseTieBreak)
        implements ReceivedAdvert {

    @Override
    public int compareSourceAddressTo(byte[] address) {
        int order = Arrays.compareUnsigned(source, address);
        return reverseTieBreak ? -order : order;
    }

    SimAdvert reversed() {
        return new SimAdvert(virtualRouterId, priority, intervalCentiseconds, source, true);
    }
}
