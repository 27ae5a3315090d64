package io.hakeeper.engine.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values filed under keys, each value at most once per key, in the order they were filed: who is on an
 * interface, who tracks an item. A change then reaches those concerned with one lookup instead of a pass
 * over every instance. Loop thread only.
 *
 * @param <K> what a change names (an interface, a tracked item)
 * @param <V> who it concerns
 */
final class MultiIndex<K, V> {

    private final Map<K, List<V>> byKey = new HashMap<>();

    void add(K key, V value) {
        List<V> values = byKey.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!values.contains(value)) {
            values.add(value);
        }
    }

    void remove(K key, V value) {
        List<V> values = byKey.get(key);
        if (values != null) {
            values.remove(value);
            if (values.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    /** Those filed under {@code key}, oldest first; empty when none. Not to be changed by the caller. */
    List<V> get(K key) {
        return byKey.getOrDefault(key, List.of());
    }
}
