package io.hakeeper.plugin.vipiproute2;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hakeeper.api.VirtualAddress;

/**
 * Reads the addresses of one interface from {@code ip -j -d addr show dev IF}: every {@code inet} and
 * {@code inet6} entry, with its prefix length, broadcast, scope and label. The device is left empty (the
 * addresses are on the interface that was asked about), and so is a label equal to the interface's own
 * name, which is what the kernel gives an address written without one.
 */
final class AddressListing {

    private AddressListing() {
    }

    /** @throws IllegalArgumentException when the output is not what {@code ip -j} prints */
    static List<VirtualAddress> parse(String json) {
        List<VirtualAddress> addresses = new ArrayList<>();
        if (json.isBlank()) {
            return addresses;
        }
        for (Object link : asList(Json.parse(json), "the list of links")) {
            Map<?, ?> fields = asMap(link, "a link");
            Object ifname = fields.get("ifname");
            Object info = fields.get("addr_info");
            if (info == null) {
                continue;
            }
            for (Object entry : asList(info, "addr_info")) {
                Map<?, ?> address = asMap(entry, "an addr_info entry");
                Object family = address.get("family");
                if (!"inet".equals(family) && !"inet6".equals(family)) {
                    continue;
                }
                addresses.add(toAddress(address, ifname));
            }
        }
        return addresses;
    }

    private static VirtualAddress toAddress(Map<?, ?> entry, Object ifname) {
        Object local = entry.get("local");
        Object prefix = entry.get("prefixlen");
        if (!(local instanceof String literal) || !(prefix instanceof Long length)) {
            throw new IllegalArgumentException("expected local and prefixlen in addr_info entry " + entry);
        }
        InetAddress address;
        try {
            // ip prints literals only; getByName resolves nothing for a literal
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected an IP address in addr_info, got " + literal, e);
        }
        Optional<String> label = text(entry, "label").filter(name -> !name.equals(ifname));
        return new VirtualAddress(address, length.intValue(), Optional.empty(), text(entry, "broadcast"),
                text(entry, "scope"), label);
    }

    private static Optional<String> text(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static List<?> asList(Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("expected " + what + " as a JSON array in ip's output");
    }

    private static Map<?, ?> asMap(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("expected " + what + " as a JSON object in ip's output");
    }
}
