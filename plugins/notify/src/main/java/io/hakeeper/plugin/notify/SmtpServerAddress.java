package io.hakeeper.plugin.notify;

import java.net.InetSocketAddress;
import java.time.Duration;

/** Where alerts go and how long to wait for the server: keepalived's smtp_server and smtp_connect_timeout. */
record SmtpServerAddress(InetSocketAddress unresolved, Duration timeout) {

    /** A session for one delivery; the host name is resolved now, on the calling worker thread. */
    SmtpSession session(String heloName) {
        return new SmtpSession(new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()), timeout,
                heloName);
    }
}
