package io.hakeeper.engine.net;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs work inside a named network namespace ({@code ip netns add NAME}) on a thread of its own.
 *
 * <p>Linux switches the network namespace per thread ({@code setns(2)} with CLONE_NEWNET), and a socket
 * belongs for good to the namespace it was created in. So a test can open the sockets of several lab
 * nodes from one JVM: each is opened by {@link #call} on a short-lived thread that entered that node's
 * namespace, and is then used from any thread. The daemon itself needs none of this: it is started inside
 * its namespace with {@code ip netns exec}.
 */
public final class NetworkNamespace {

    private static final String NAMED_NAMESPACES = "/run/netns/";

    private NetworkNamespace() {
    }

    /**
     * Runs {@code work} on a new thread that has entered namespace {@code name}, and returns its result.
     *
     * @throws NativeCallException when the namespace cannot be entered (OPEN: no such namespace; SETNS: not
     *         root)
     * @throws Exception       whatever {@code work} throws
     */
    public static <T> T call(String name, Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            enterOnThisThread(name);
            return work.call();
        });
        Thread thread = new Thread(task, "netns-" + name);
        thread.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Moves the calling thread into namespace {@code name} for the rest of its life. */
    public static void enterOnThisThread(String name) throws NativeCallException {
        int fd = LibC.open(NAMED_NAMESPACES + name, Linux.O_RDONLY | Linux.O_CLOEXEC);
        if (fd < 0) {
            throw new NativeCallException(new SocketError(NativeCall.OPEN, NAMED_NAMESPACES + name, Native.errno()));
        }
        try {
            if (LibC.setns(fd, Linux.CLONE_NEWNET) < 0) {
                throw new NativeCallException(new SocketError(NativeCall.SETNS, name, Native.errno()));
            }
        } finally {
            LibC.close(fd);
        }
    }
}
