package io.hakeeper.plugin.checks;

/** How a process's parameters are compared with the configured ones, as keepalived's param_match. */
enum ParamMatch {
    /** The process has exactly the configured parameters. */
    EXACT,
    /** The process's first parameters are the configured ones; it may have more. */
    PARTIAL,
    /** As partial, and the last configured parameter need only begin the process's parameter. */
    INITIAL
}
