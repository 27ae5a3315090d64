package io.hakeeper.engine.daemon;

import java.nio.ByteBuffer;

import io.hakeeper.engine.net.IoStatus;
import io.hakeeper.engine.net.AdvertTransport;

/** The transport of an instance whose socket could not be opened: every send fails, and is counted. */
enum DeadTransport implements AdvertTransport {
    INSTANCE;

    @Override
    public boolean usable() {
        return false;
    }

    @Override
    public IoStatus send(ByteBuffer payload, byte[] destination, byte[] source) {
        return IoStatus.FAILED;
    }
}
