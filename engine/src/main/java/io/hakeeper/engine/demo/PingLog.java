package io.hakeeper.engine.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replies in the output of {@code ping -D -n -i 0.01 ADDRESS} (iputils): each reply line starts with
 * the receive time as {@code [seconds.micros]} and names its {@code icmp_seq}. Lines that are not
 * replies (the banner, "Destination Host Unreachable", the statistics) are ignored. The sender may be an
 * IPv6 address, colons and all.
 */
final class PingLog {

    private static final Pattern REPLY = Pattern.compile(
            "^\\[(\\d+)\\.(\\d{6})] \\d+ bytes from \\S+: icmp_seq=(\\d+) ");

    /** One answered echo request: when the reply was received, and its sequence number. */
    record Reply(long epochMicros, int seq) {
    }

    /** A silence of the address: the replies on either side of it, and how many requests went unanswered. */
    record Outage(long lastReplyBeforeMicros, long firstReplyAfterMicros, int unanswered) {
        long millis() {
            return Math.round((firstReplyAfterMicros - lastReplyBeforeMicros) / 1000.0);
        }
    }

    private PingLog() {
    }

    static List<Reply> replies(String output) {
        List<Reply> replies = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = REPLY.matcher(line);
            if (m.find()) {
                replies.add(new Reply(Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)),
                        Integer.parseInt(m.group(3))));
            }
        }
        return replies;
    }

    /** The first reply received after {@code epochMicros}, if any. */
    static Optional<Reply> firstAfter(List<Reply> replies, long epochMicros) {
        return replies.stream().filter(r -> r.epochMicros() > epochMicros).findFirst();
    }

    /**
     * The VIP's silence after an event: the longest gap between two consecutive replies of which the
     * second came after {@code eventMicros}. Not simply "the last reply before the event to the first
     * after": a reply already on its way may still arrive a moment after the event's timestamp (the
     * link takes a few milliseconds to go down), and the silence only starts after it.
     *
     * @return empty when there is no reply before the event or none after it
     */
    static Optional<Outage> outageAfter(List<Reply> replies, long eventMicros) {
        Outage longest = null;
        for (int i = 1; i < replies.size(); i++) {
            Reply before = replies.get(i - 1);
            Reply after = replies.get(i);
            if (after.epochMicros() > eventMicros && (longest == null
                    || after.epochMicros() - before.epochMicros() > longest.firstReplyAfterMicros() - longest.lastReplyBeforeMicros())) {
                longest = new Outage(before.epochMicros(), after.epochMicros(), after.seq() - before.seq() - 1);
            }
        }
        return Optional.ofNullable(longest);
    }
}
