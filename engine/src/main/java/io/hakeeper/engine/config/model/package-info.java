/**
 * The validated configuration: what the operator said, as immutable records. Runtime state (effective
 * priority, timers, counters) lives elsewhere and is built from these.
 */
package io.hakeeper.engine.config.model;
