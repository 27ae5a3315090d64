package io.hakeeper.engine.net;

/** The outcome of one send or receive on a non-blocking socket. */
public enum IoStatus {
    /** A packet was sent, or one was received into the caller's buffer. */
    DONE,
    /** Nothing to receive now, or the send buffer is full: try again when poll says so. */
    WOULD_BLOCK,
    /** The call failed; the socket's {@code lastError()} says which call and why. */
    FAILED
}
