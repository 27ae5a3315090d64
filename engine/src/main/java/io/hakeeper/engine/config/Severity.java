package io.hakeeper.engine.config;

/** How bad a configuration problem is: an error refuses the file, a warning is only said. */
public enum Severity {
    ERROR,
    WARNING
}
