package io.hakeeper.engine.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VRRP adverts and gratuitous ARPs in a capture, as {@code tcpdump -r FILE -n -tt} prints them. tcpdump
 * rather than tshark: the demo needs nothing beyond iproute2, tcpdump and ping, and for "who sent a VRRP
 * advert or a gratuitous ARP, and when" tcpdump's one-line decode is all there is to read.
 *
 * <pre>
 * 1795613652.242360 IP 192.0.2.12 &gt; 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 120, intvl 10cs, length 12
 * 1795613652.242901 ARP, Request who-has 192.0.2.50 (Broadcast) tell 192.0.2.50, length 28
 * </pre>
 */
final class WireLog {

    private static final Pattern ADVERT = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) IP (\\S+) > \\S+: VRRPv\\d, Advertisement, vrid (\\d+), prio (\\d+)");
    private static final Pattern GARP = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) ARP, (?:Request|Reply) who-has (\\S+) .*tell (\\S+),");

    /** A VRRP advert on the wire: when, from which address, with which priority. */
    record Advert(long epochMicros, String source, int vrid, int priority) {
    }

    /** A gratuitous ARP: an ARP request or reply for an address, from that same address. */
    record Garp(long epochMicros, String address) {
    }

    private WireLog() {
    }

    static List<Advert> adverts(String tcpdumpText) {
        List<Advert> adverts = new ArrayList<>();
        for (String line : tcpdumpText.split("\n")) {
            Matcher m = ADVERT.matcher(line);
            if (m.find()) {
                adverts.add(new Advert(micros(m.group(1), m.group(2)), m.group(3), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5))));
            }
        }
        return adverts;
    }

    static List<Garp> garps(String tcpdumpText) {
        List<Garp> garps = new ArrayList<>();
        for (String line : tcpdumpText.split("\n")) {
            Matcher m = GARP.matcher(line);
            if (m.find() && m.group(3).equals(m.group(4))) {
                garps.add(new Garp(micros(m.group(1), m.group(2)), m.group(3)));
            }
        }
        return garps;
    }

    /** The first advert after {@code epochMicros} sent from {@code source} with a priority above 0. */
    static Optional<Advert> firstAdvertFrom(List<Advert> adverts, String source, long epochMicros) {
        return adverts.stream()
                .filter(a -> a.epochMicros() > epochMicros && a.source().equals(source) && a.priority() > 0)
                .findFirst();
    }

    /** The first advert after {@code epochMicros} with a priority above 0 from any sender but {@code excluded}. */
    static Optional<Advert> firstAdvertAfter(List<Advert> adverts, String excluded, long epochMicros) {
        return adverts.stream()
                .filter(a -> a.epochMicros() > epochMicros && !a.source().equals(excluded) && a.priority() > 0)
                .findFirst();
    }

    static Optional<Garp> firstGarpFor(List<Garp> garps, String address, long epochMicros) {
        return garps.stream().filter(g -> g.epochMicros() > epochMicros && g.address().equals(address)).findFirst();
    }

    private static long micros(String seconds, String micros) {
        return Long.parseLong(seconds) * 1_000_000 + Long.parseLong(micros);
    }
}
