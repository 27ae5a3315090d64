package io.hakeeper.engine.control;

import java.util.Locale;

/** The closed set of error codes the control protocol answers with (docs/control-protocol.md). */
public enum ErrorCode {
    /** The line is not a JSON object, or a field has the wrong type; the connection is closed. */
    BAD_REQUEST,
    /** {@code cmd} names no command. */
    UNKNOWN_COMMAND,
    /** A field is missing, unknown, or out of range. */
    INVALID_ARGUMENT,
    /** No instance of that name. */
    NOT_FOUND,
    /** A change asked by a peer that is neither root nor in admin_group. */
    PERMISSION_DENIED,
    /** {@code reload}: the configuration has errors; nothing changed. */
    CONFIG_INVALID,
    /** A line longer than the limit; the connection is closed. */
    LINE_TOO_LONG,
    /** No complete line within the idle time-out; the connection is closed. */
    IDLE_TIMEOUT,
    /** Too many clients at once; the connection is closed. */
    BUSY,
    /** The daemon failed to answer (a bug, or the event loop did not answer in time). */
    INTERNAL;

    /** The code as it appears on the wire: {@code permission_denied}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
