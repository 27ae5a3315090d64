package io.hakeeper.engine.net;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Binds libc (the jnr-ffi stubs every socket of this package calls through) on a thread of its own, so
 * that the binding is ready when the daemon opens its first socket. jnr-ffi writes those stubs at run time,
 * which takes longer than anything else the daemon does before its first advert (about as long as reading
 * the configuration and loading the plugins, which the main thread does meanwhile: on two cores the two
 * overlap).
 *
 * <p>The caller {@link #await}s it before its own first native call, the control socket's included: jnr's
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
                Native.LIBC.hashCode();
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
