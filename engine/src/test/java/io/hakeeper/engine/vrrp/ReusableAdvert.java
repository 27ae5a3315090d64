package io.hakeeper.engine.vrrp;

import java.util.Arrays;

/** A mutable advert view, reused across calls as the codec's view is. */
final class ReusableAdvert implements ReceivedAdvert {

    int priority;
    int intervalCentiseconds = 100;
    byte[] source = {10, 0, 0, 9};

    ReusableAdvert set(int newPriority, byte[] newSource) {
        this.priority = newPriority;
        this.source = newSource;
        return this;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public int intervalCentiseconds() {
        return intervalCentiseconds;
    }

    @Override
    public int compareSourceAddressTo(byte[] address) {
        return Arrays.compareUnsigned(source, address);
    }
}
