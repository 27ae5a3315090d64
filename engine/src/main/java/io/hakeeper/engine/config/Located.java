package io.hakeeper.engine.config;

import io.hakeeper.api.SourcePosition;

/** A value read from the file together with the key path and position it was written at, for later checks. */
record Located<T>(T value, String path, SourcePosition position) {
}
