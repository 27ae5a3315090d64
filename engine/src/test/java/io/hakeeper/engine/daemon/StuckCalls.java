package io.hakeeper.engine.daemon;

import java.util.concurrent.CountDownLatch;

/** Plugin calls that hang the way a send stuck in the kernel does: deaf to interrupts, until released. */
final class StuckCalls {

    private StuckCalls() {
    }

    /** Blocks until {@code release} is counted down, swallowing every interrupt meanwhile. */
    static void hangUntil(CountDownLatch release) {
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException deaf) {
                // a timeout's interrupt must not end the hang: only the release does
            }
        }
    }
}
