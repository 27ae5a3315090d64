package io.hakeeper.engine;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import sun.misc.Signal;

/**
 * The signals hakeeperd answers, turned into requests its main thread takes one at a time. Through
 * {@code sun.misc.Signal} because without a handler the JVM exits on SIGHUP and reports SIGTERM as exit
 * status 143; with one, SIGTERM and SIGINT become a graceful stop that exits 0 and SIGHUP a reload.
 */
final class Signals {

    enum Request {
        STOP, RELOAD
    }

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    static Signals install() {
        Signals signals = new Signals();
        Signal.handle(new Signal("TERM"), signal -> signals.requests.add(Request.STOP));
        Signal.handle(new Signal("INT"), signal -> signals.requests.add(Request.STOP));
        Signal.handle(new Signal("HUP"), signal -> signals.requests.add(Request.RELOAD));
        return signals;
    }

    Request next() throws InterruptedException {
        return requests.take();
    }
}
