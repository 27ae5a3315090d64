package io.hakeeper.engine.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.net.ArrivalClock;
import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.net.PollWaiter;
import io.hakeeper.engine.net.RawVrrpSocket;
import io.hakeeper.engine.net.ReceiveBatch;
import io.hakeeper.engine.net.SocketError;
import io.hakeeper.engine.runtime.AdvertReceiver;

/**
 * One raw socket watched by the loop's poll: when it is readable, the packets waiting are read a batch at a
 * time into reused buffers and handed to the socket's {@link AdvertReceiver}. Adverts mostly arrive one per
 * wake-up: one recvmmsg(2) then reads it and, coming back short of a full batch, says the queue is empty,
 * where a recvmsg(2) per packet would need a second call to find that out. A receive error is logged once
 * per cause and counted; the loop goes on.
 */
final class SocketReader {

    private static final Logger LOG = LoggerFactory.getLogger(SocketReader.class);
    /**
     * Packets read by one call: adverts come one at a time once elections settle; bursts (start-up, many
     * routers on a segment) take a call per 8 packets, for 8 buffers of {@link ReceiveBatch#PACKET_BYTES}.
     */
    static final int BATCH = 8;
    /** Packets read per wake-up before timers get their turn, so a flood cannot starve them. */
    private static final int MAX_PACKETS_PER_WAKE = 64;

    private final RawVrrpSocket socket;
    private final AdvertReceiver receiver;
    private final int slot;
    private final ReceiveBatch batch = new ReceiveBatch(BATCH);
    private final ArrivalClock arrivals;
    private SocketError lastLogged;
    private long receiveErrors;
    private long otherInterface;

    SocketReader(RawVrrpSocket socket, AdvertReceiver receiver, PollWaiter waiter, ArrivalClock arrivals) {
        this.socket = socket;
        this.receiver = receiver;
        this.arrivals = arrivals;
        this.slot = waiter.watch(socket.fd());
    }

    RawVrrpSocket socket() {
        return socket;
    }

    AdvertReceiver receiver() {
        return receiver;
    }

    /** Stops the loop's poll watching the socket, then closes it. Loop thread only. */
    void close(PollWaiter waiter) {
        waiter.unwatch(slot);
        socket.close();
    }

    long receiveErrors() {
        return receiveErrors;
    }

    /** Packets that came in on another interface (queued as the socket was being bound), dropped. */
    long otherInterface() {
        return otherInterface;
    }

    /**
     * Reads what the socket has, each packet timed from its arrival ({@link ArrivalClock}); {@code nowNanos}
     * is the loop's reading at this wake-up, whose {@link ArrivalClock#wokeUp} the caller has told.
     */
    void readIfReady(PollWaiter waiter, long nowNanos) {
        if (!waiter.isReadable(slot)) {
            return;
        }
        for (int read = 0; read < MAX_PACKETS_PER_WAKE; read += BATCH) {
            IoStatus status = socket.receive(batch);
            if (status == IoStatus.FAILED) {
                failed(socket.lastError());
            }
            for (int i = 0; i < batch.count(); i++) {
                if (batch.packet(i).otherInterface()) {
                    otherInterface++;
                } else {
                    receiver.onPacket(batch.buffer(i), batch.packet(i),
                            arrivals.arrival(batch.packet(i).arrivedAtRealtimeNanos(), nowNanos));
                }
            }
            if (batch.count() < BATCH) {
                return; // the queue is empty, or failed: the next poll says when there is more
            }
        }
    }

    private void failed(SocketError error) {
        receiveErrors++;
        if (!error.equals(lastLogged)) {
            LOG.warn("{}: receive failed: {} ({} receive errors so far)", socket, error, receiveErrors);
            lastLogged = error;
        }
    }
}
