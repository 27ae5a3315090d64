package io.hakeeper.engine.net;

/** Opening or setting up a socket failed; thrown only off the hot path (open, namespace switch). */
public final class SocketException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SocketError error;

    public SocketException(SocketError error) {
        super(error.toString());
        this.error = error;
    }

    public SocketError error() {
        return error;
    }
}
