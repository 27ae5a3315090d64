package io.hakeeper.api;

/**
 * A configured notify action, told of every transition of the instances and groups it is attached to.
 *
 * <p>Called on a worker thread, one transition at a time, in order, with a timeout; a failure is logged
 * and counted and does not hold back the next transition.
 */
public interface Notifier extends AutoCloseable {

    /** Act on one transition. */
    void notify(Transition transition) throws Exception;

    /** Release what the notifier holds. Called once, at shutdown, after the last transition. */
    @Override
    default void close() throws Exception {
    }
}
