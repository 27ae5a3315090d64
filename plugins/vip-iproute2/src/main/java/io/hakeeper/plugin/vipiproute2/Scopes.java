package io.hakeeper.plugin.vipiproute2;

import java.net.InetAddress;
import java.util.Map;

/** Address scopes between the names {@code ip} prints and accepts and the numbers netlink carries. */
final class Scopes {

    private static final int HOST = 254;
    private static final Map<String, Integer> NUMBERS =
            Map.of("global", 0, "site", 200, "link", 253, "host", HOST, "nowhere", 255);

    private Scopes() {
    }

    /**
     * The number for a written scope (a name, or 0 to 255 as {@code ip} also takes); when none is written,
     * what {@code ip} picks: {@code host} for an address in 127/8, else {@code global}.
     *
     * @throws IllegalArgumentException for any other word
     */
    static int number(String scope, InetAddress address) {
        if (scope == null) {
            return address.getAddress().length == 4 && address.getAddress()[0] == 127 ? HOST : 0;
        }
        Integer named = NUMBERS.get(scope);
        if (named != null) {
            return named;
        }
        if (scope.matches("\\d{1,3}") && Integer.parseInt(scope) <= 255) {
            return Integer.parseInt(scope);
        }
        throw new IllegalArgumentException("unknown scope \"" + scope + "\"; expected one of "
                + String.join(", ", NUMBERS.keySet()) + " or a number up to 255");
    }

    /** The name {@code ip} prints for a scope number, the number itself when it has none. */
    static String name(int number) {
        for (Map.Entry<String, Integer> entry : NUMBERS.entrySet()) {
            if (entry.getValue() == number) {
                return entry.getKey();
            }
        }
        return Integer.toString(number);
    }
}
