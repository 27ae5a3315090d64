package io.hakeeper.engine.daemon;

import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.net.PollWaiter;
import io.hakeeper.engine.net.RawVrrpSocket;
import io.hakeeper.engine.net.ReceivedPacket;
import io.hakeeper.engine.net.SocketError;
import io.hakeeper.engine.runtime.AdvertReceiver;

/**
 * One raw socket watched by the loop's poll: when it is readable, every packet waiting is read into one
 * reused buffer and handed to the socket's {@link AdvertReceiver}. A receive error is logged once per
 * cause and counted; the loop goes on.
 */
final class SocketReader {

    private static final Logger LOG = LoggerFactory.getLogger(SocketReader.class);
    /** More than any advert (and any packet an interface's MTU lets through). */
    private static final int RECEIVE_BUFFER_BYTES = 65_536;
    /** Packets read per wake-up before timers get their turn, so a flood cannot starve them. */
    private static final int MAX_PACKETS_PER_WAKE = 64;

    private final RawVrrpSocket socket;
    private final AdvertReceiver receiver;
    private final int slot;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
    private final ReceivedPacket packet = new ReceivedPacket();
    private SocketError lastLogged;
    private long receiveErrors;

    SocketReader(RawVrrpSocket socket, AdvertReceiver receiver, PollWaiter waiter) {
        this.socket = socket;
        this.receiver = receiver;
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

    void readIfReady(PollWaiter waiter, long nowNanos) {
        if (!waiter.isReadable(slot)) {
            return;
        }
        for (int i = 0; i < MAX_PACKETS_PER_WAKE; i++) {
            buffer.clear();
            IoStatus status = socket.receive(buffer, packet);
            if (status == IoStatus.DONE) {
                receiver.onPacket(buffer, packet, nowNanos);
            } else {
                if (status == IoStatus.FAILED) {
                    failed(socket.lastError());
                }
                return;
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
