package io.hakeeper.engine.control;

/** A request the daemon refuses: its code is one of {@link ErrorCode}, its message is for a person. */
public final class ControlException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Object details;

    public ControlException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** @param details more for the client to show, such as every problem of a refused configuration */
    public ControlException(ErrorCode code, String message, Object details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra JSON for the error object, or {@code null}. */
    public Object details() {
        return details;
    }
}
