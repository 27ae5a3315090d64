package io.hakeeper.engine.net;

/**
 * A native call failed while opening or setting up a socket, an eventfd or a namespace switch. Thrown only
 * off the hot path; its {@link SocketError} names the call and errno. (Not java.net.SocketException: no
 * JDK socket is involved.)
 */
public final class NativeCallException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SocketError error;

    public NativeCallException(SocketError error) {
        super(error.toString());
        this.error = error;
    }

    public SocketError error() {
        return error;
    }
}
