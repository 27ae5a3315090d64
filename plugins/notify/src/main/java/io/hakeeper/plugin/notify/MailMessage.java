package io.hakeeper.plugin.notify;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An alert as RFC 5322 text with CRLF line ends: the headers keepalived sends (Date, From, Subject,
 * X-Mailer, To) plus Message-ID, then the body. Not yet dot-stuffed; that is the SMTP session's job.
 *
 * <p>Configured names end up in headers, so CR and LF are replaced to keep a name from adding headers;
 * a subject with non-ASCII characters is sent as an RFC 2047 encoded word, and the body is declared UTF-8.
 */
final class MailMessage {

    private MailMessage() {
    }

    static String render(AlertMail mail, String from, List<String> to, ZonedDateTime date, String messageIdDomain) {
        return "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date) + "\r\n"
                + "From: " + oneLine(from) + "\r\n"
                + "Subject: " + encodedIfNeeded(oneLine(mail.subject())) + "\r\n"
                + "X-Mailer: hakeeper\r\n"
                + "To: " + oneLine(String.join(", ", to)) + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + oneLine(messageIdDomain) + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + mail.body().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static String encodedIfNeeded(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii ? text
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
