package io.hakeeper.engine.notify;

import java.time.Duration;

/**
 * The bounds of notification delivery.
 *
 * @param callTimeout   how long one notifier may take over one transition before it is interrupted and the
 *                      next transition is delivered
 * @param closeTimeout  how long {@link NotificationDispatcher#close()} waits, in all, for pending
 *                      transitions (notify_stop) to be delivered
 * @param queueCapacity transitions that may wait for one notifier; more are dropped and counted
 */
public record DeliveryLimits(Duration callTimeout, Duration closeTimeout, int queueCapacity) {

    /** 30 s a call (the script notifier kills a notify command at the same bound), 10 s at shutdown. */
    public static final DeliveryLimits DEFAULT = new DeliveryLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 1000);

    public DeliveryLimits {
        if (callTimeout.isNegative() || callTimeout.isZero() || closeTimeout.isNegative() || queueCapacity < 1) {
            throw new IllegalArgumentException("positive timeouts and capacity required");
        }
    }
}
