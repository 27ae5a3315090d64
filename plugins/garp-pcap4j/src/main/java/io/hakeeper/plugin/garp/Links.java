package io.hakeeper.plugin.garp;

import java.io.IOException;

/** Opens the {@link Link}s of one kind of announcer. */
interface Links {

    /** A link on the interface, in the calling thread's network namespace. */
    Link open(String interfaceName) throws IOException;

    /**
     * Runs the sending code once without sending anything, so that the first takeover does not pay for
     * loading and linking it; done even when no interface can be opened (the class-data-sharing training).
     */
    void warmUp();

    /**
     * A link that sends nothing, for rehearsals: its sends run as much of a real send's code as they can
     * and fail or do nothing. This default does nothing at all.
     */
    default Link nowhere() {
        return new Link() {
            @Override
            public void send(byte[] frame) {
            }

            @Override
            public boolean isOpen() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
