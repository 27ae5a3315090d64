package io.hakeeper.engine.config;

import java.util.Optional;

/** The result of reading one value written in a small language of its own: the value, or why not. */
record Parsed<T>(Optional<T> value, String problem) {

    static <T> Parsed<T> success(T value) {
        return new Parsed<>(Optional.of(value), "");
    }

    static <T> Parsed<T> failure(String problem) {
        return new Parsed<>(Optional.empty(), problem);
    }
}
