package io.hakeeper.engine.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * tshark as an independent judge of a capture: what it decodes, and whether it finds the packets valid,
 * does not depend on hakeeper's own codec.
 */
public final class Tshark {

    private Tshark() {
    }

    /** How many packets of the pcap match a display filter such as {@code vrrp.checksum.status == 1}. */
    public static int count(Path pcap, String displayFilter) {
        return fields(pcap, displayFilter, List.of("frame.number")).size();
    }

    /**
     * The given fields of every packet matching the display filter, one line per packet, tab-separated.
     * Checksum verification is switched on for VRRP, IPv4 and ICMP so that filters on
     * {@code *.checksum.status} mean something.
     */
    public static List<String> fields(Path pcap, String displayFilter, List<String> fieldNames) {
        List<String> argv = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "ip.check_checksum:TRUE",
                "-Y", displayFilter, "-T", "fields"));
        for (String field : fieldNames) {
            argv.add("-e");
            argv.add(field);
        }
        String out = HostCommands.run(argv).orThrow().stdout();
        return out.lines().filter(line -> !line.isBlank()).toList();
    }
}
