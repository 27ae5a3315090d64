package io.hakeeper.plugin.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One SMTP delivery spoken by hand (RFC 5321): greeting, EHLO (HELO when the server refuses it),
 * MAIL FROM, one RCPT TO per recipient, DATA with dot-stuffing, QUIT. No TLS and no authentication,
 * as keepalived.
 *
 * <p>{@code timeout} bounds the connect and every wait for a reply (keepalived's smtp_connect_timeout
 * serves both), so a silent server cannot hold the notifier longer than a few of them.
 */
final class SmtpSession {

    private final InetSocketAddress server;
    private final Duration timeout;
    private final String heloName;

    SmtpSession(InetSocketAddress server, Duration timeout, String heloName) {
        this.server = server;
        this.timeout = timeout;
        this.heloName = heloName;
    }

    /** Delivers one message (CRLF line ends, not dot-stuffed) or throws with the server's reply. */
    void deliver(String from, List<String> recipients, String message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, 220, "greeting");
            if (command(out, in, "EHLO " + heloName) / 100 != 2) {
                expect(out, in, "HELO " + heloName, 250);
            }
            expect(out, in, "MAIL FROM:<" + from + ">", 250);
            for (String recipient : recipients) {
                int reply = command(out, in, "RCPT TO:<" + recipient + ">");
                if (reply != 250 && reply != 251) {
                    throw new IOException(server + " refused recipient " + recipient + " with " + reply);
                }
            }
            expect(out, in, "DATA", 354);
            send(out, dotStuffed(message) + ".\r\n");
            expect(in, 250, "end of data");
            command(out, in, "QUIT");
        }
    }

    /** RFC 5321 4.5.2: a line that begins with a dot gets one more, so it cannot end the data. */
    static String dotStuffed(String message) {
        String stuffed = message.replace("\r\n.", "\r\n..");
        return stuffed.startsWith(".") ? "." + stuffed : stuffed;
    }

    private void expect(OutputStream out, BufferedReader in, String line, int code) throws IOException {
        int reply = command(out, in, line);
        if (reply != code) {
            throw new IOException(server + " answered " + reply + " to " + line.split(":")[0]);
        }
    }

    private void expect(BufferedReader in, int code, String what) throws IOException {
        int reply = reply(in);
        if (reply != code) {
            throw new IOException(server + " answered " + reply + " to " + what);
        }
    }

    private static int command(OutputStream out, BufferedReader in, String line) throws IOException {
        send(out, line + "\r\n");
        return reply(in);
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The code of a reply, reading past the "250-" continuation lines of a multi-line one. */
    private static int reply(BufferedReader in) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the SMTP server closed the connection");
            }
            if (line.length() < 3) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            if (line.length() == 3 || line.charAt(3) != '-') {
                try {
                    return Integer.parseInt(line.substring(0, 3));
                } catch (NumberFormatException e) {
                    throw new IOException("malformed SMTP reply: " + line, e);
                }
            }
        }
    }
}
