package io.hakeeper.engine.config;

import java.util.List;

import io.hakeeper.api.VirtualRoute;

/**
 * Reads keepalived's route form, {@code 10.1.0.0/16 via 192.168.200.1 dev eth1 metric 10}: a destination
 * (a prefix, an address or {@code default}) and the remaining words as {@code ip route} takes them.
 * keepalived also accepts {@code src ADDR} before the destination.
 */
final class VirtualRouteParser {

    private VirtualRouteParser() {
    }

    static Parsed<VirtualRoute> parse(String text) {
        List<String> words = List.of(text.trim().split("\\s+"));
        int at = words.get(0).equals("src") && words.size() > 2 ? 2 : 0;
        String destination = words.get(at);
        if (!destination.equals("default") && IpLiteral.parse(destination.split("/", 2)[0]).isEmpty()) {
            return Parsed.failure("expected a destination prefix or \"default\", got \"" + destination + "\"");
        }
        List<String> options = new java.util.ArrayList<>(words.subList(0, at));
        options.addAll(words.subList(at + 1, words.size()));
        return Parsed.success(new VirtualRoute(destination, List.copyOf(options)));
    }
}
