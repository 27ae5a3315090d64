package io.hakeeper.engine.config.model;

/**
 * How a tracked process's parameters are compared with the configured ones (keepalived's param_match, as its manual
 * describes it; the checks plugin applies it).
 */
public enum ParamMatch {
    /** All parameters, exactly. */
    EXACT,
    /** As PARTIAL, and the last configured parameter need only begin the process's parameter. */
    INITIAL,
    /** The configured parameters are the first ones of the process; it may have more. */
    PARTIAL
}
