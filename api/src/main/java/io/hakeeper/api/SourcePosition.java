package io.hakeeper.api;

/**
 * Where a setting was written: the configuration file and the 1-based line and column of its key.
 * Printed as {@code file:line:col}, the form editors and compilers use.
 */
public record SourcePosition(String file, int line, int column) {

    /** A position for settings that were not read from a file (defaults, tests). */
    public static SourcePosition unknown(String file) {
        return new SourcePosition(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
