package io.hakeeper.engine.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the namespaces of labs whose JVM died without cleaning up (SIGKILL, a crash, a power cut), so
 * that a killed test run does not leave the next one with stale bridges or address clashes. A namespace
 * whose owner pid is still alive belongs to a running lab and is left alone.
 */
final class StaleLabSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleLabSweeper.class);

    private StaleLabSweeper() {
    }

    /** @return the namespaces removed */
    static List<String> sweep() {
        List<String> removed = new ArrayList<>();
        for (String namespace : Namespaces.list()) {
            OptionalLong owner = LabNames.ownerOf(namespace);
            if (owner.isPresent() && ProcessHandle.of(owner.getAsLong()).isEmpty()) {
                String failure = Namespaces.delete(namespace);
                if (failure == null) {
                    removed.add(namespace);
                } else {
                    LOG.warn("cannot remove stale lab namespace {}: {}", namespace, failure);
                }
            }
        }
        if (!removed.isEmpty()) {
            LOG.info("removed namespaces left by crashed labs: {}", removed);
        }
        return removed;
    }
}
