package io.hakeeper.engine.control;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Where the daemon's events (transitions, check changes, reloads) meet the clients that asked for
 * {@code events}. {@link #publish} never blocks, so that the event loop may call it: each subscriber has a
 * bounded queue, and a subscriber too slow to keep up is told so and dropped rather than ever slowing the
 * daemon.
 */
public final class EventHub {

    static final int QUEUE_LINES = 1024;

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** One client's queue of event lines. */
    public static final class Subscription implements AutoCloseable {
        private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_LINES);
        private final EventHub hub;
        private volatile boolean overflowed;

        private Subscription(EventHub hub) {
            this.hub = hub;
        }

        /** The next line, or {@code null} after {@code millis} without one. */
        public String poll(long millis) throws InterruptedException {
            return lines.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** Whether events were lost because this client did not read them in time. */
        public boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            hub.subscriptions.remove(this);
        }
    }

    public Subscription subscribe() {
        Subscription subscription = new Subscription(this);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Sends {@code event} (a JSON object with at least {@code "event"}) to every subscriber. Any thread. */
    public void publish(Map<String, Object> event) {
        if (subscriptions.isEmpty()) {
            return;
        }
        String line = Json.write(event);
        for (Subscription subscription : subscriptions) {
            if (!subscription.lines.offer(line)) {
                subscription.overflowed = true;
            }
        }
    }

    public int subscribers() {
        return subscriptions.size();
    }
}
