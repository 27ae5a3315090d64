package io.hakeeper.engine.plugin;

import java.util.concurrent.CountDownLatch;

/** Plugin calls that hang the way a send stuck in the kernel does: deaf to interrupts, until released. */
public final class StuckCalls {

    private StuckCalls() {
    }

    /** Blocks until {@code release} is counted down, swallowing every interrupt meanwhile. */
    public static void hangUntil(CountDownLatch release) {
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException deaf) {
                // a timeout's interrupt must not end the hang: only the release does
            }
        }
    }
}
