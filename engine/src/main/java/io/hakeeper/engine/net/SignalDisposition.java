package io.hakeeper.engine.net;

/**
 * A signal's disposition as the process inherited it. A shell's {@code nohup}, or a background job of a
 * script, starts hakeeperd with SIGHUP (or SIGINT) ignored; the JVM then keeps it ignored even when a
 * handler is asked for, so a reload by SIGHUP would be lost without a word. A daemon owns its signals: the
 * disposition goes back to the default first.
 */
public final class SignalDisposition {

    private static final long SIG_DFL = 0;

    private SignalDisposition() {
    }

    /** Sets {@code signal} back to its default action; true when the kernel took it. */
    public static boolean restoreDefault(int signal) {
        return LibC.signal(signal, SIG_DFL) != -1;
    }
}
