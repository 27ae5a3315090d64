package io.hakeeper.plugin.notify;

import static io.hakeeper.api.VrrpState.BACKUP;
import static io.hakeeper.api.VrrpState.FAULT;
import static io.hakeeper.api.VrrpState.INIT;
import static io.hakeeper.api.VrrpState.MASTER;
import static io.hakeeper.api.VrrpState.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hakeeper.api.MapSettings;
import io.hakeeper.api.Notifier;
import io.hakeeper.api.PluginContext;

/** smtp_alert against a real SMTP server on loopback (python3-aiosmtpd). */
class SmtpNotifierTest {

    @TempDir
    static Path dir;

    private static AiosmtpdServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Optional<String> python = AiosmtpdServer.python();
        RealTool.require(python.isPresent(),
                "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): the SMTP alert was not tested");
        server = AiosmtpdServer.start(python.get(), dir.resolve("maildir"));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static Notifier notifier(int port) {
        return new SmtpNotifierFactory().create(MapSettings.of(
                "smtp_server", "127.0.0.1", "smtp_port", (long) port, "smtp_connect_timeout", 5.0,
                "notification_email", List.of("ops@example.org", "oncall@example.org"),
                "notification_email_from", "lb1@example.org"), new PluginContext("VI_1", "lb1", dir));
    }

    @Test
    void eachChangeOfStateIsMailedWithKeepalivedsSubjectAndBodyAndARepeatIsNot() throws Exception {
        int before = server.messages().size();
        Notifier notifier = notifier(server.port());
        notifier.notify(Transitions.instance("VI_1", INIT, MASTER, 150));
        notifier.notify(Transitions.instance("VI_1", MASTER, MASTER, 140));
        notifier.notify(Transitions.instance("VI_1", MASTER, INIT, 140));
        notifier.notify(Transitions.group("G1", BACKUP, FAULT));
        notifier.notify(Transitions.instance("VI_1", MASTER, STOP, 140));

        List<String> received = server.messages().subList(before, server.messages().size());
        assertEquals(3, received.size(), String.join("\n-----\n", received));
        // A maildir does not keep arrival order to the millisecond; each mail is found by its subject.
        assertMail(received, "[lb1] VRRP Instance VI_1 - Entering MASTER state",
                "=> VRRP Instance is now owning VRRP VIPs <=");
        assertMail(received, "[lb1] VRRP Group G1 - Entering FAULT state",
                "=> All VRRP group instances are now in FAULT state <=");
        assertMail(received, "[lb1] VRRP Instance VI_1 - Stopping", "=> VRRP Instance stopping <=");
    }

    @Test
    void aDeadServerFailsTheCallPromptly() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Notifier notifier = notifier(closedPort);
        assertThrows(IOException.class, () -> notifier.notify(Transitions.instance("VI_1", BACKUP, MASTER, 100)));
    }

    @Test
    void aLineStartingWithADotIsStuffedSoItCannotEndTheData() {
        assertEquals("..hidden\r\nx\r\n..\r\n", SmtpSession.dotStuffed(".hidden\r\nx\r\n.\r\n"));
    }

    private static void assertMail(List<String> received, String subject, String body) {
        String message = received.stream().filter(m -> m.lines().anyMatch(("Subject: " + subject)::equals))
                .findFirst().orElseThrow(() -> new AssertionError("no mail with subject " + subject + " in " + received));
        List<String> headers = message.substring(0, message.indexOf("\n\n")).lines().toList();
        assertTrue(headers.contains("From: lb1@example.org"), message);
        assertTrue(headers.contains("To: ops@example.org, oncall@example.org"), message);
        assertTrue(headers.contains("X-RcptTo: ops@example.org, oncall@example.org"), "both RCPT TO accepted: " + message);
        assertTrue(headers.stream().anyMatch(h -> h.matches("Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} .*")), message);
        assertTrue(headers.stream().anyMatch(h -> h.startsWith("Message-ID: <") && h.endsWith("@lb1>")), message);
        assertEquals(body, message.substring(message.indexOf("\n\n") + 2).strip(), message);
    }
}
