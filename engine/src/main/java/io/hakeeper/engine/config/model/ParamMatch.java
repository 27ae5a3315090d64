package io.hakeeper.engine.config.model;

/** How a tracked process's parameters are compared with the configured ones (keepalived's param_match). */
public enum ParamMatch {
    /** All parameters, exactly. */
    EXACT,
    /** The configured parameters are the first ones of the process. */
    INITIAL,
    /** The configured parameters appear in a row somewhere in the process's. */
    PARTIAL
}
