package io.hakeeper.engine.runtime;

/** Side effects a runtime test does not look at; a suspected bug of the machine fails the test. */
class NoSideEffects extends IgnoredSideEffects {
}
