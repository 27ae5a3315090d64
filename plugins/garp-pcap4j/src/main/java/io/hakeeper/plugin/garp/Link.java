package io.hakeeper.plugin.garp;

import java.io.IOException;

/** What one interface's announcements are sent on: a pcap handle, a packet socket. Used by one thread at a time. */
interface Link {

    /**
     * Sends one whole Ethernet frame, as built.
     *
     * @throws IOException with the system's reason; the caller then closes this link and opens another
     */
    void send(byte[] frame) throws IOException;

    boolean isOpen();

    void close();
}
