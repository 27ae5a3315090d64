package io.hakeeper.engine.lab;

/** A lab could not be built, driven or torn down; the message names the command and what it printed. */
public final class LabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
