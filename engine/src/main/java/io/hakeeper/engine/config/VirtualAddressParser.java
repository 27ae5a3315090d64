package io.hakeeper.engine.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.hakeeper.api.VirtualAddress;

/**
 * Reads keepalived's VIP form, {@code 192.168.200.17/24 dev eth1 brd 192.168.200.255 scope global label
 * eth1:1}, into a {@link VirtualAddress}. Words after the address come in option/value pairs, in any
 * order.
 */
final class VirtualAddressParser {

    private static final Set<String> SCOPES = Set.of("global", "site", "link", "host", "nowhere");

    private VirtualAddressParser() {
    }

    /** The address, or the reason it cannot be read (what was expected, what was found). */
    static Parsed<VirtualAddress> parse(String text) {
        List<String> words = List.of(text.trim().split("\\s+"));
        String[] cidr = words.get(0).split("/", 2);
        Optional<InetAddress> address = IpLiteral.parse(cidr[0]);
        if (address.isEmpty()) {
            return Parsed.failure("expected an IP address, got \"" + words.get(0) + "\"");
        }
        boolean v4 = address.get() instanceof Inet4Address;
        int maxPrefix = v4 ? 32 : 128;
        int prefix = maxPrefix;
        if (cidr.length == 2) {
            try {
                prefix = Integer.parseInt(cidr[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix) {
                return Parsed.failure("expected a prefix length from 0 to " + maxPrefix + ", got \"" + cidr[1] + "\"");
            }
        }
        String device = null;
        String broadcast = null;
        String scope = null;
        String label = null;
        for (int i = 1; i < words.size(); i += 2) {
            String option = words.get(i);
            if (i + 1 >= words.size()) {
                return Parsed.failure("expected a value after \"" + option + "\"");
            }
            String value = words.get(i + 1);
            switch (option) {
                case "dev" -> device = value;
                case "brd", "broadcast" -> {
                    if (!v4 || (!value.equals("+") && !value.equals("-") && IpLiteral.parse(value).isEmpty())) {
                        return Parsed.failure("expected brd with an IPv4 address, got \"" + value + "\"");
                    }
                    broadcast = value;
                }
                case "scope" -> {
                    if (!SCOPES.contains(value)) {
                        return Parsed.failure("expected scope global, site, link, host or nowhere, got \"" + value + "\"");
                    }
                    scope = value;
                }
                case "label" -> {
                    if (!v4) {
                        return Parsed.failure("expected no label on an IPv6 address (labels are IPv4 only)");
                    }
                    label = value;
                }
                default -> {
                    return Parsed.failure("expected dev, brd, scope or label after the address, got \"" + option + "\"");
                }
            }
        }
        return Parsed.success(new VirtualAddress(address.get(), prefix, Optional.ofNullable(device),
                Optional.ofNullable(broadcast), Optional.ofNullable(scope), Optional.ofNullable(label)));
    }
}
