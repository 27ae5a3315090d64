package io.hakeeper.plugin.vipiproute2;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

import io.hakeeper.api.VirtualAddress;
import io.hakeeper.api.VirtualRoute;

/**
 * The arguments of each {@code ip} call, after the command prefix. What an address gets follows the
 * request keepalived makes over netlink:
 * <ul>
 *   <li>IPv4: {@code brd}, {@code scope} and {@code label} when written, nothing when not (the kernel's
 *       defaults: no broadcast, scope global, the interface's name as label);</li>
 *   <li>IPv6: always {@code nodad} (usable at once, and never stuck in "dadfailed" after a split brain:
 *       VRRP is our duplicate detection), and {@code preferred_lft 0} for a /128, which marks the VIP
 *       deprecated so that the host does not pick it as the source of its own connections. keepalived
 *       ignores {@code scope} and {@code label} on IPv6 addresses; so does this backend.</li>
 * </ul>
 */
final class IpArgs {

    private IpArgs() {
    }

    static List<String> addAddress(String device, VirtualAddress address) {
        List<String> args = new ArrayList<>(List.of(family(address), "addr", "add", address.cidr(), "dev", device));
        if (address.address() instanceof Inet6Address) {
            args.add("nodad");
            if (address.prefixLength() == 128) {
                args.addAll(List.of("preferred_lft", "0"));
            }
            return args;
        }
        address.broadcast().ifPresent(brd -> args.addAll(List.of("brd", brd)));
        address.scope().ifPresent(scope -> args.addAll(List.of("scope", scope)));
        address.label().ifPresent(label -> args.addAll(List.of("label", label)));
        return args;
    }

    static List<String> removeAddress(String device, VirtualAddress address) {
        return List.of(family(address), "addr", "del", address.cidr(), "dev", device);
    }

    static List<String> listAddresses(String device) {
        return List.of("-j", "-d", "addr", "show", "dev", device);
    }

    /** {@code ip route replace}: adds the route, or makes an existing one to the destination this one. */
    static List<String> replaceRoute(VirtualRoute route) {
        return route("replace", route);
    }

    static List<String> removeRoute(VirtualRoute route) {
        return route("del", route);
    }

    private static List<String> route(String verb, VirtualRoute route) {
        List<String> args = new ArrayList<>(List.of(routeFamily(route), "route", verb, route.destination()));
        args.addAll(route.options());
        return args;
    }

    private static String family(VirtualAddress address) {
        return address.address() instanceof Inet6Address ? "-6" : "-4";
    }

    /**
     * IPv6 when the destination or any option word is an IPv6 literal ({@code default via 2001:db8::1}
     * would otherwise be read as IPv4). Interface names cannot hold a colon, so a colon means an address.
     */
    private static String routeFamily(VirtualRoute route) {
        if (isIpv6Literal(route.destination())) {
            return "-6";
        }
        for (String word : route.options()) {
            if (isIpv6Literal(word)) {
                return "-6";
            }
        }
        return "-4";
    }

    private static boolean isIpv6Literal(String word) {
        return word.indexOf(':') >= 0 && word.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?");
    }
}
