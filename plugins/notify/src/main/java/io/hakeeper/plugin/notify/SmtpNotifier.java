package io.hakeeper.plugin.notify;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hakeeper.api.Notifier;
import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;

/**
 * Mails keepalived's alert ({@link AlertMail}) to every recipient when an instance or group enters a
 * state other than the one last mailed about, as keepalived's smtp_alert does: a repeated state is not
 * mailed twice. Like keepalived, a state counts as mailed once a delivery was attempted, so a failing
 * server is not retried with a stale alert.
 */
final class SmtpNotifier implements Notifier {

    /** keepalived greets with this name unless smtp_helo_name is set (which hakeeper does not have). */
    private static final String HELO_NAME = "localhost";

    private final String routerId;
    private final String from;
    private final List<String> to;
    private final SmtpServerAddress server;
    private final Map<String, VrrpState> lastMailed = new HashMap<>();

    SmtpNotifier(String routerId, String from, List<String> to, SmtpServerAddress server) {
        this.routerId = routerId;
        this.from = from;
        this.to = List.copyOf(to);
        this.server = server;
    }

    @Override
    public void notify(Transition transition) throws IOException {
        Optional<AlertMail> mail = AlertMail.of(routerId, transition);
        String subject = transition.subject() + " " + transition.name();
        if (mail.isEmpty() || lastMailed.get(subject) == transition.to()) {
            return;
        }
        lastMailed.put(subject, transition.to());
        String message = MailMessage.render(mail.get(), from, to, ZonedDateTime.now(), routerId);
        server.session(HELO_NAME).deliver(from, to, message);
    }
}
