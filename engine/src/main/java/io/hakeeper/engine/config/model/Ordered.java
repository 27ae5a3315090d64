package io.hakeeper.engine.config.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable copies that keep the file's order, which Map.copyOf does not. */
final class Ordered {

    private Ordered() {
    }

    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
