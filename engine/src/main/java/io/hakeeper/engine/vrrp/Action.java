package io.hakeeper.engine.vrrp;

/**
 * Something the state machine asks the event loop to do. A closed set: argument-less work is an
 * {@link Effect} constant (so the hot path allocates nothing), state changes are {@link StateChange}
 * records (rare), and {@link SuspectedBug} reports an event the machine should never have received.
 */
public sealed interface Action permits Effect, StateChange, SuspectedBug {
}
