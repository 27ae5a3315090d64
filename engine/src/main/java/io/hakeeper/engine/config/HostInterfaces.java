package io.hakeeper.engine.config;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a network interface exists on this host now: the {@code interfaceExists} a daemon or
 * {@code hakeeperd --check} hands to {@link ParsedConfig#validate}. Tests pass their own.
 */
public final class HostInterfaces {

    private HostInterfaces() {
    }

    /**
     * {@link #exists} for a whole configuration: the host's interfaces are listed once, at the first
     * question, and every later one is answered from that list. The JDK lists every address of every
     * interface for each {@link NetworkInterface#getByName}, so asking once per instance made checking
     * 1,000 instances quadratic.
     */
    public static Predicate<String> snapshot() {
        return new Predicate<>() {
            private Set<String> names;

            @Override
            public boolean test(String name) {
                if (names == null) {
                    names = listNames();
                }
                return names.contains(name);
            }
        };
    }

    private static Set<String> listNames() {
        Set<String> names = new HashSet<>();
        try {
            NetworkInterface.networkInterfaces().forEach(nic -> {
                names.add(nic.getName());
                nic.subInterfaces().forEach(alias -> names.add(alias.getName()));
            });
        } catch (SocketException e) {
            // as exists(): an interface we cannot list is one we cannot use; --check says it is missing
        }
        return names;
    }

    public static boolean exists(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
