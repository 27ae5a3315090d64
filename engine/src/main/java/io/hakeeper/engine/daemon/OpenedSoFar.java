package io.hakeeper.engine.daemon;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a daemon being built has opened so far, to be closed again, newest first, when a later step fails:
 * a configuration that cannot start must leave no thread, socket or plugin object behind, since the daemon
 * it was meant to replace runs on.
 */
final class OpenedSoFar {

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    <T extends AutoCloseable> Optional<T> add(Optional<T> resource) {
        resource.ifPresent(opened::push);
        return resource;
    }

    /** Something to undo that is not a resource of its own (sockets kept in a collection, say). */
    void undo(AutoCloseable undo) {
        opened.push(undo);
    }

    /** Closes everything, newest first; one that fails to close is logged and the rest still close. */
    void closeAll() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception | LinkageError e) {
                LOG.warn("while closing what a failed start opened: {}", e.toString());
            }
        }
    }
}
