package io.hakeeper.engine.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the switch saw during the soak: every VRRP advert (who sent it, by MAC, and with which priority) and
 * every ICMP echo reply from a VIP (from which MAC, for which request), read from the capture with
 * {@code tcpdump -r FILE -n -e -tt}. The output is streamed, never held whole: half an hour of pings is
 * hundreds of thousands of lines.
 *
 * <pre>
 * 1795613652.242360 02:00:00:00:00:0b &gt; 01:00:5e:00:00:12, ethertype IPv4 (0x0800), length 54: 192.0.2.11 &gt; 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 150, intvl 10cs, length 12
 * 1795613652.251002 02:00:00:00:00:0b &gt; 02:00:00:00:00:64, ethertype IPv4 (0x0800), length 98: 192.0.2.51 &gt; 192.0.2.100: ICMP echo reply, id 7, seq 12, length 64
 * 1795613652.252917 02:00:00:00:00:0b &gt; 02:00:00:00:00:64, ethertype IPv6 (0x86dd), length 118: 2001:db8::53 &gt; 2001:db8::100: ICMP6, echo reply, id 8, seq 12, length 64
 * </pre>
 */
final class SoakWire {

    /** A capture filter for exactly what this reads: VRRP over IPv4 and IPv6, ICMP and ICMPv6 echo replies. */
    static final String CAPTURE_FILTER = "ip proto 112 or ip6 proto 112 or (icmp and icmp[icmptype] == icmp-echoreply)"
            + " or (icmp6 and ip6[40] == 129)";

    private static final Pattern FRAME = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) (\\S+) > \\S+, ethertype IPv[46] \\(0x[0-9a-f]{4}\\), length \\d+: (\\S+) > \\S+: (.*)$");
    private static final Pattern ADVERT = Pattern.compile("^VRRPv\\d, Advertisement, vrid (\\d+), prio (\\d+)");
    private static final Pattern REPLY = Pattern.compile("^ICMP6?,? echo reply, id \\d+, seq (\\d+)");

    record Advert(long micros, String mac, int priority) {
    }

    record Reply(long micros, String mac, int seq) {
    }

    private final Map<Integer, List<Advert>> advertsByVrid = new HashMap<>();
    private final Map<String, List<Reply>> repliesByVip = new HashMap<>();
    private final Map<String, String> macs = new HashMap<>();

    private SoakWire() {
    }

    static SoakWire read(Path pcap, Path errors) {
        SoakWire wire = new SoakWire();
        try {
            Process tcpdump = new ProcessBuilder("tcpdump", "-r", pcap.toString(), "-n", "-e", "-tt")
                    .redirectError(errors.toFile()).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    wire.add(line);
                }
            }
            if (!tcpdump.waitFor(30, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pcap + " with tcpdump", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialFailedException("interrupted while reading the capture");
        }
        return wire;
    }

    /** The same, from lines already printed. */
    static SoakWire read(List<String> tcpdumpLines) {
        SoakWire wire = new SoakWire();
        tcpdumpLines.forEach(wire::add);
        return wire;
    }

    private void add(String line) {
        Matcher frame = FRAME.matcher(line);
        if (!frame.find()) {
            return;
        }
        long micros = Long.parseLong(frame.group(1)) * 1_000_000 + Long.parseLong(frame.group(2));
        String mac = macs.computeIfAbsent(frame.group(3), m -> m);
        String rest = frame.group(5);
        Matcher advert = ADVERT.matcher(rest);
        if (advert.find()) {
            advertsByVrid.computeIfAbsent(Integer.parseInt(advert.group(1)), v -> new ArrayList<>())
                    .add(new Advert(micros, mac, Integer.parseInt(advert.group(2))));
            return;
        }
        Matcher reply = REPLY.matcher(rest);
        if (reply.find()) {
            repliesByVip.computeIfAbsent(frame.group(4), v -> new ArrayList<>())
                    .add(new Reply(micros, mac, Integer.parseInt(reply.group(1))));
        }
    }

    /** The VRID's adverts in [from, to), in capture order. */
    List<Advert> adverts(int vrid, long from, long to) {
        List<Advert> all = advertsByVrid.getOrDefault(vrid, List.of());
        return all.subList(firstAtOrAfter(all, from, Advert::micros), firstAtOrAfter(all, to, Advert::micros));
    }

    /** The echo replies from the VIP in [from, to), in capture order. */
    List<Reply> replies(String vip, long from, long to) {
        List<Reply> all = repliesByVip.getOrDefault(vip, List.of());
        return all.subList(firstAtOrAfter(all, from, Reply::micros), firstAtOrAfter(all, to, Reply::micros));
    }

    int advertCount() {
        return advertsByVrid.values().stream().mapToInt(List::size).sum();
    }

    int replyCount() {
        return repliesByVip.values().stream().mapToInt(List::size).sum();
    }

    /** Binary search over a list in time order: the index of the first element at or after {@code micros}. */
    static <T> int firstAtOrAfter(List<T> sorted, long micros, java.util.function.ToLongFunction<T> time) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (time.applyAsLong(sorted.get(mid)) < micros) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
