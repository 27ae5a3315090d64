package io.hakeeper.engine;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.net.SignalDisposition;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals hakeeperd answers, turned into requests its main thread takes one at a time. Through
 * {@code sun.misc.Signal} because without a handler the JVM exits on SIGHUP and reports SIGTERM as exit
 * status 143; with one, SIGTERM and SIGINT become a graceful stop that exits 0 and SIGHUP a reload. A
 * signal the process was started with ignored ({@code nohup} ignores SIGHUP) is taken back first: the JVM
 * would leave it ignored, and the handler asked for would never run.
 */
final class Signals {

    enum Request {
        STOP, RELOAD
    }

    private static final Logger LOG = LoggerFactory.getLogger("hakeeper");

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    static Signals install() {
        Signals signals = new Signals();
        signals.handle("TERM", Request.STOP);
        signals.handle("INT", Request.STOP);
        signals.handle("HUP", Request.RELOAD);
        return signals;
    }

    private void handle(String name, Request request) {
        Signal signal = new Signal(name);
        SignalHandler handler = received -> requests.add(request);
        if (Signal.handle(signal, handler) != SignalHandler.SIG_IGN) {
            return;
        }
        if (SignalDisposition.restoreDefault(signal.getNumber())) {
            Signal.handle(signal, handler);
            LOG.info("SIG{} was ignored by whatever started hakeeperd (nohup?); hakeeperd answers it again", name);
        } else {
            LOG.warn("SIG{} is ignored by whatever started hakeeperd (nohup?) and could not be taken back: it does"
                    + " nothing; use ha-admin{}", name, request == Request.RELOAD ? " reload" : ", or SIGTERM");
        }
    }

    Request next() throws InterruptedException {
        return requests.take();
    }
}
