package io.hakeeper.engine.net;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Binds libc (JNA's registration of {@link LibC}'s native methods, with JNA's own start: its classes and
 * native library) on a thread of its own, so that the binding is ready when the daemon opens its first
 * socket, while the main thread reads the configuration and loads the plugins: on two cores the two overlap.
 *
 * <p>The caller {@link #await}s it before its own first native call, the control socket's included: JNA's
 * classes are then initialised by one thread at a time, so no two class initialisers can wait on each
 * other.
 */
public final class NativeWarmUp {

    /** For a run that opens no socket: nothing to wait for. */
    public static final NativeWarmUp NONE = new NativeWarmUp(new CountDownLatch(0));

    private final CountDownLatch done;

    private NativeWarmUp(CountDownLatch done) {
        this.done = done;
    }

    /** Starts binding libc in the background; returns at once. */
    public static NativeWarmUp start() {
        CountDownLatch done = new CountDownLatch(1);
        // a daemon thread: a daemon that exits early (bad configuration) must not wait for it
        Thread thread = new Thread(() -> {
            try {
                LibC.bind();
            } catch (RuntimeException | LinkageError e) {
                // the first socket the daemon opens meets the same failure and reports it where it belongs
            } finally {
                done.countDown();
            }
        }, "hakeeper-native-warm-up");
        thread.setDaemon(true);
        thread.start();
        return new NativeWarmUp(done);
    }

    /** Waits until the binding is made (or failed), at most {@code millis}; then the caller goes on anyway. */
    public void await(long millis) throws InterruptedException {
        done.await(millis, TimeUnit.MILLISECONDS);
    }
}
