package io.hakeeper.plugin.notify;

import java.util.Optional;

import io.hakeeper.api.Transition;
import io.hakeeper.api.VrrpState;

/**
 * The subject and body keepalived's smtp_alert sends for a transition:
 * {@code [lb1] VRRP Instance VI_1 - Entering MASTER state} with
 * {@code => VRRP Instance is now owning VRRP VIPs <=}, and for a sync group
 * {@code [lb1] VRRP Group G1 - Entering MASTER state} with
 * {@code => All VRRP group instances are now in MASTER state <=}. Stopping is {@code - Stopping}.
 */
record AlertMail(String subject, String body) {

    /** The mail for entering a state, or empty for INIT, which keepalived does not mail about. */
    static Optional<AlertMail> of(String routerId, Transition transition) {
        if (transition.to() == VrrpState.INIT) {
            return Optional.empty();
        }
        boolean group = transition.subject() == Transition.Subject.GROUP;
        String what = group ? "VRRP Group" : "VRRP Instance";
        String event = transition.to() == VrrpState.STOP ? "Stopping" : "Entering " + transition.to() + " state";
        String subject = "[" + routerId + "] " + what + " " + transition.name() + " - " + event;
        return Optional.of(new AlertMail(subject, group ? groupBody(transition.to()) : instanceBody(transition.to())));
    }

    private static String instanceBody(VrrpState state) {
        return switch (state) {
            case MASTER -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case STOP -> "=> VRRP Instance stopping <=";
            default -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
        };
    }

    private static String groupBody(VrrpState state) {
        return state == VrrpState.STOP ? "=> All VRRP group instances are now stopping <="
                : "=> All VRRP group instances are now in " + state + " state <=";
    }
}
